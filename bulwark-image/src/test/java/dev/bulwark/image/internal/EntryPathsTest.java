package dev.bulwark.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPathsTest {

    @ParameterizedTest
    @CsvSource({"etc/os-release,/etc/os-release", "./etc/os-release,/etc/os-release", "etc//x/,/etc/x",
            ".,/", "./,/", "a/./b,/a/b", "usr/lib/,/usr/lib"})
    void normalisesNamesToAbsolutePaths(String raw, String expected) throws Exception {
        assertThat(EntryPaths.normalize(raw, 4096, 64)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/../../b", "a/..", "/etc/passwd", "..", "a\0b"})
    void refusesTraversalAbsoluteAndNulNames(String raw) {
        assertThatThrownBy(() -> EntryPaths.normalize(raw, 4096, 64))
                .isInstanceOf(EntryPaths.UnsafePathException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 64})
    void refusesNamesBeyondDepthAndLengthLimits(int limit) {
        String deep = "a/".repeat(limit + 1) + "f";
        assertThatThrownBy(() -> EntryPaths.normalize(deep, 100_000, limit))
                .hasMessageContaining("deeper than " + limit);
        assertThatThrownBy(() -> EntryPaths.normalize("x".repeat(limit + 1), limit, 100))
                .hasMessageContaining("longer than " + limit);
    }

    @ParameterizedTest
    @CsvSource({"/etc/os-release,../usr/lib/os-release,false", "/a,../../../etc/passwd,true",
            "/usr/lib/x/libz.so,../../../lib/libz.so,false", "/usr/lib/x/libz.so,../../../../lib/libz.so,true",
            "/bin/sh,/bin/busybox,false", "/a/b,./c/../../..,true"})
    void detectsRelativeSymlinksClimbingAboveTheRoot(String link, String target, boolean escapes) {
        assertThat(EntryPaths.escapesRoot(link, target)).isEqualTo(escapes);
    }

    @ParameterizedTest
    @CsvSource({"/etc/os-release,../usr/lib/os-release,/usr/lib/os-release", "/a,../../../etc/passwd,/etc/passwd",
            "/bin/sh,/bin/busybox,/bin/busybox", "/x/y,.,/x"})
    void resolvesTargetsInsideTheRootLikeAChroot(String link, String target, String expected) {
        assertThat(EntryPaths.resolveLexically(link, target)).isEqualTo(expected);
    }
}
