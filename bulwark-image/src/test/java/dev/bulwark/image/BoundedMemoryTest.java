package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded whatever the image: a JVM with a small heap ({@code -Xmx}) walks a whole image, reading every
 * file, with a {@link FileIndex} of every path. Forked, so that the heap limit is real.
 */
class BoundedMemoryTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private Run walkInJvm(String heap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WalkImageMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void walksTheLargestCorpusImageReadingEveryFileIn128MegabytesOfHeap() throws Exception {
        Path image = Corpus.require("images/debian-13-slim-app.docker.tar.gz");
        Run run = walkInJvm("128m", image.toString(), dir.resolve("cache").toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("layers=4").containsPattern("paths=[0-9]{4,}")
                .containsPattern("maxHeapMiB=1[0-2][0-9]\\b");
    }

    @Test
    void indexesALayerOfAMillionFilesIn160MegabytesOfHeap() throws Exception {
        Run run = walkInJvm("160m", "generate", dir.toString(), "1000000");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("paths=1000000").contains("files=1000000");
    }
}
