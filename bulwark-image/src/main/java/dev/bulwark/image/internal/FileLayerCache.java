package dev.bulwark.image.internal;

import dev.bulwark.image.LayerCache;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-backed {@link LayerCache}. Layout: {@code entries/ab/abcd....bin}, the name being the sha256 of the key (so
 * no consumer name can shape a path), each file holding a magic number, the key, the value and a CRC32. Writers
 * write a temporary file in {@code tmp/} and rename it over the entry, so readers (which take no lock) see either the
 * old or the new entry; eviction runs under an exclusive lock on {@code .lock}, and a run that finds it taken leaves
 * eviction to the run holding it. Recency is the file's modification time, updated on every hit.
 */
public final class FileLayerCache implements LayerCache {

    private static final Logger LOG = LoggerFactory.getLogger(FileLayerCache.class);
    private static final byte[] MAGIC = "BLWKLC1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private static final double EVICT_TO = 0.8;

    private final Path directory;
    private final Path entries;
    private final Path temp;
    private final long maxBytes;
    private final Clock clock;

    public FileLayerCache(Path directory, long maxBytes, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.directory = directory;
        this.entries = directory.resolve("entries");
        this.temp = directory.resolve("tmp");
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    Path fileFor(Key key) {
        String hex = HexFormat.of().formatHex(sha256(keyText(key).getBytes(StandardCharsets.UTF_8)));
        return entries.resolve(hex.substring(0, 2)).resolve(hex + ".bin");
    }

    private static String keyText(Key key) {
        return key.diffId() + "\n" + key.consumer() + "\n" + key.version();
    }

    @Override
    public Optional<byte[]> get(Key key) {
        Path file = fileFor(key);
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("layer cache: cannot read {} ({}); treated as a miss", file, e.getMessage());
            return Optional.empty();
        }
        Optional<byte[]> value = decode(data, keyText(key));
        if (value.isEmpty()) {
            LOG.warn("layer cache: {} is damaged; removed", file);
            deleteQuietly(file);
            return value;
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException e) {
            // evicted meanwhile, or read-only cache: the value is still good
        }
        return value;
    }

    @Override
    public void put(Key key, byte[] value) {
        if (value.length > maxBytes / 4) {
            LOG.debug("layer cache: {} bytes for {} exceed a quarter of the bound; not cached", value.length, key);
            return;
        }
        Path file = fileFor(key);
        try {
            Files.createDirectories(file.getParent());
            Files.createDirectories(temp);
            Path tmp = Files.createTempFile(temp, "entry-", ".tmp");
            try {
                Files.write(tmp, encode(keyText(key), value));
                Files.setLastModifiedTime(tmp, FileTime.from(clock.instant()));
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // A cache that cannot be written costs time, never correctness.
            LOG.warn("layer cache: cannot store {} ({})", file, e.getMessage());
            return;
        }
        evictIfNeeded();
    }

    /** Removes least recently used entries until the cache is at most 80% of its bound, if no other run is doing so. */
    void evictIfNeeded() {
        try {
            Files.createDirectories(directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = lockFile.tryLock();
                } catch (OverlappingFileLockException e) {
                    return; // another cache object of this process is evicting
                }
                if (lock == null) {
                    return; // another process is evicting
                }
                try (lock) {
                    evict();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("layer cache: eviction failed ({})", e.getMessage());
        }
    }

    private record Entry(Path file, long size, long modified) {
    }

    private void evict() throws IOException {
        removeStaleTemporaries();
        if (!Files.isDirectory(entries)) {
            return;
        }
        List<Entry> all = new ArrayList<>();
        long total = 0;
        try (Stream<Path> files = Files.walk(entries, 2)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".bin"))::iterator) {
                try {
                    var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                    all.add(new Entry(file, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    total += attrs.size();
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        }
        if (total <= maxBytes) {
            return;
        }
        all.sort(Comparator.comparingLong(Entry::modified));
        long target = (long) (maxBytes * EVICT_TO);
        for (Entry entry : all) {
            if (total <= target) {
                break;
            }
            deleteQuietly(entry.file());
            total -= entry.size();
        }
    }

    private void removeStaleTemporaries() throws IOException {
        if (!Files.isDirectory(temp)) {
            return;
        }
        long cutoff = clock.millis() - STALE_TEMP.toMillis();
        try (Stream<Path> files = Files.list(temp)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.getLastModifiedTime(file).toMillis() < cutoff) {
                        deleteQuietly(file);
                    }
                } catch (NoSuchFileException e) {
                    // gone already
                }
            }
        }
    }

    static byte[] encode(String key, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + keyBytes.length + 8 + value.length + 8);
        buffer.put(MAGIC).putInt(keyBytes.length).put(keyBytes).putLong(value.length).put(value);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putLong(crc.getValue());
        return buffer.array();
    }

    /** The value, or empty when the bytes are not an intact entry for {@code key}. */
    static Optional<byte[]> decode(byte[] data, String key) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                return Optional.empty();
            }
            int keyLength = in.readInt();
            if (keyLength < 0 || keyLength > data.length) {
                return Optional.empty();
            }
            String storedKey = new String(in.readNBytes(keyLength), StandardCharsets.UTF_8);
            long valueLength = in.readLong();
            if (valueLength < 0 || valueLength > data.length) {
                return Optional.empty();
            }
            byte[] value = in.readNBytes((int) valueLength);
            int covered = data.length - in.available();
            long storedCrc = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(data, 0, covered);
            if (value.length != valueLength || storedCrc != crc.getValue() || in.available() != 0
                    || !storedKey.equals(key)) {
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (EOFException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("layer cache: cannot delete {} ({})", file, e.getMessage());
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
