package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes every version scheme the matchers use with two version strings (the input's first line and the rest).
 * Contract: {@link VersionScheme#compare} returns or throws {@link InvalidVersionException}, nothing else; a valid
 * version equals itself; and the order is antisymmetric, so a range check cannot depend on argument order.
 */
class VersionFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void comparesVersions(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int cut = text.indexOf('\n');
        String a = cut < 0 ? text : text.substring(0, cut);
        String b = cut < 0 ? text : text.substring(cut + 1);
        for (VersionScheme scheme : VersionSchemes.all()) {
            Integer ab = compare(scheme, a, b);
            Integer ba = compare(scheme, b, a);
            if (ab != null) {
                assertThat(scheme.compare(a, a)).as("%s: %s = itself", scheme.name(), a).isZero();
                assertThat(scheme.compare(b, b)).as("%s: %s = itself", scheme.name(), b).isZero();
                assertThat(ba).as("%s: %s vs %s valid both ways", scheme.name(), a, b).isNotNull();
                assertThat(Integer.signum(ab)).as("%s: %s vs %s antisymmetric", scheme.name(), a, b)
                        .isEqualTo(-Integer.signum(ba));
            }
        }
    }

    private static Integer compare(VersionScheme scheme, String a, String b) {
        try {
            return scheme.compare(a, b);
        } catch (InvalidVersionException expected) {
            return null;
        }
    }
}
