package dev.bulwark.image.source;

import dev.bulwark.core.Digest;
import dev.bulwark.image.internal.ArchiveFiles;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image archive held in memory, built from a fuzzer input: documents separated by lines of {@code ----}; in
 * document {@code i}, {@code @k} (for {@code k > i}) becomes {@code sha256:} and the digest of document {@code k}, so
 * the fuzzer can write manifests, indexes and configs whose digests verify without computing SHA-256 itself.
 */
final class FuzzedArchive implements ArchiveFiles {

    private static final String SEPARATOR = "\n----\n";
    private final Map<String, byte[]> files;

    private FuzzedArchive(Map<String, byte[]> files) {
        this.files = files;
    }

    /**
     * @param names the file name of document {@code i}, given {@code i} and its digest
     */
    static FuzzedArchive of(byte[] input, Map<String, byte[]> fixed, NameFunction names) {
        String[] docs = new String(input, StandardCharsets.UTF_8).split(SEPARATOR, 8);
        List<byte[]> resolved = new ArrayList<>();
        List<Digest> digests = new ArrayList<>();
        for (int i = docs.length - 1; i >= 0; i--) {
            String text = docs[i];
            for (int k = docs.length - 1; k > i; k--) {
                text = text.replace("@" + k, digests.get(docs.length - 1 - k).toString());
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            resolved.addFirst(bytes);
            digests.add(sha256(bytes));
        }
        Map<String, byte[]> files = new LinkedHashMap<>(fixed);
        for (int i = 0; i < resolved.size(); i++) {
            files.put(names.name(i, digests.get(resolved.size() - 1 - i)), resolved.get(i));
        }
        return new FuzzedArchive(files);
    }

    interface NameFunction {
        String name(int index, Digest digest);
    }

    static Digest sha256(byte[] data) {
        try {
            return Digest.parse("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public Set<String> names() {
        return files.keySet();
    }

    @Override
    public boolean exists(String name) {
        return files.containsKey(name);
    }

    @Override
    public long size(String name) {
        byte[] data = files.get(name);
        return data == null ? -1 : data.length;
    }

    @Override
    public InputStream open(String name) throws FileNotFoundException {
        byte[] data = files.get(name);
        if (data == null) {
            throw new FileNotFoundException(name);
        }
        return new ByteArrayInputStream(data);
    }

    @Override
    public String describe() {
        return "fuzz";
    }

    @Override
    public void close() {
    }
}
