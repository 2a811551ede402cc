package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A cached scheme must be indistinguishable from the scheme: same order, same rejections, every time asked. */
class VersionCacheTest {

    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @MethodSource("dev.bulwark.vuln.version.VersionOrderTest#comparisons")
    void cachedSchemeOrdersEveryOrderFilePairLikeTheSchemeItself(String scheme, String a, String op, String b) {
        VersionScheme plain = VersionSchemes.byName(scheme);
        VersionCache cache = new VersionCache();
        VersionScheme cached = cache.of(plain);
        for (int round = 0; round < 2; round++) {
            assertThat(cached.compare(a, b)).as("round %d: %s %s %s", round, a, op, b).isEqualTo(plain.compare(a, b));
            assertThat(cached.compare(b, a)).isEqualTo(plain.compare(b, a));
        }
        assertThat(cached.name()).isEqualTo(plain.name());
        assertThat(cache.of(plain)).as("one cached scheme per scheme and cache").isSameAs(cached);
    }

    @Test
    void invalidVersionsAreRejectedEveryTimeTheyAreCompared() {
        VersionScheme apk = new VersionCache().of(VersionSchemes.APK);
        for (int round = 0; round < 3; round++) {
            assertThatThrownBy(() -> apk.compare("4.10-1-r1", "1.0")).isInstanceOf(InvalidVersionException.class)
                    .hasMessageContaining("4.10-1-r1");
            assertThat(apk.isValid("4.10-1-r1")).isFalse();
        }
        assertThat(apk.compare("1.0-r1", "1.0-r0")).isPositive();
    }

    @Test
    void separateCachesDoNotShareParsedVersions() {
        VersionScheme a = new VersionCache().of(VersionSchemes.RPM);
        VersionScheme b = new VersionCache().of(VersionSchemes.RPM);
        assertThat(a).isNotSameAs(b);
        assertThat(a.compare("1:1.0-1.el8", "1.0-1.el8")).isPositive().isEqualTo(b.compare("1:1.0-1.el8", "1.0-1.el8"));
    }
}
