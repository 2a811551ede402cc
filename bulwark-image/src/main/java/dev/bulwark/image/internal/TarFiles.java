package dev.bulwark.image.internal;

import dev.bulwark.core.InputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An uncompressed tar of an image archive, read with random access: the headers are indexed once (seeking past the
 * data), then each layer is read straight from its offset, so layers can be read in any order or in parallel.
 */
public final class TarFiles implements ArchiveFiles {

    private static final int MAX_LINK_HOPS = 16;
    private static final long MAX_SPARSE_MEMBER = 64L << 20;

    private final Path file;
    private final FileChannel channel;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    public TarFiles(Path file, int maxPathLength, int maxPathDepth) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.tar = new TarFile(channel);
        } catch (IOException | IllegalArgumentException e) {
            channel.close();
            throw new InputException(file.toString(), "not a readable tar archive (" + e.getMessage() + ")", e);
        }
        for (TarArchiveEntry entry : tar.getEntries()) {
            String name;
            try {
                name = EntryPaths.normalize(entry.getName(), maxPathLength, maxPathDepth).substring(1);
            } catch (EntryPaths.UnsafePathException e) {
                tar.close();
                throw new InputException(file.toString(), "unsafe entry in image archive: " + e.getMessage());
            }
            if (entry.isSymbolicLink()) {
                String target = EntryPaths.resolveLexically("/" + name, entry.getLinkName()).substring(1);
                links.put(name, target);
            } else if (entry.isLink()) {
                try {
                    links.put(name, EntryPaths.normalize(entry.getLinkName(), maxPathLength, maxPathDepth)
                            .substring(1));
                } catch (EntryPaths.UnsafePathException e) {
                    tar.close();
                    throw new InputException(file.toString(), "unsafe link in image archive: " + e.getMessage());
                }
            } else if (entry.isFile()) {
                entries.put(name, entry);
            }
        }
    }

    private TarArchiveEntry find(String name) {
        String current = name;
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            TarArchiveEntry entry = entries.get(current);
            if (entry != null) {
                return entry;
            }
            current = links.get(current);
            if (current == null) {
                return null;
            }
        }
        return null;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>(entries.keySet());
        for (String link : links.keySet()) {
            if (find(link) != null) {
                names.add(link);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public boolean exists(String name) {
        return find(name) != null;
    }

    @Override
    public long size(String name) {
        TarArchiveEntry entry = find(name);
        return entry == null ? -1 : entry.getSize();
    }

    @Override
    public InputStream open(String name) throws IOException {
        TarArchiveEntry entry = find(name);
        if (entry == null) {
            throw new FileNotFoundException(file + ": " + name + " not found in the archive");
        }
        if (entry.isSparse()) {
            // Image tools never write sparse members; holding one in memory is fine only while it is small.
            if (entry.getRealSize() > MAX_SPARSE_MEMBER) {
                throw new InputException(file.toString(), name + " is a sparse member of " + entry.getRealSize()
                        + " bytes; sparse members of image archives are read only up to " + MAX_SPARSE_MEMBER
                        + " bytes");
            }
            synchronized (tar) { // TarFile's own streams move the shared channel's position
                return new java.io.ByteArrayInputStream(tar.getInputStream(entry).readAllBytes());
            }
        }
        // Positional reads on the channel: several layers of one archive can be read at once.
        return new ChannelRangeInputStream(channel, file.toString(), entry.getDataOffset(), entry.getSize());
    }

    @Override
    public long dataOffset(String name) {
        TarArchiveEntry entry = find(name);
        return entry == null || entry.isSparse() ? -1 : entry.getDataOffset();
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            tar.close();
        } finally {
            channel.close();
        }
    }
}
