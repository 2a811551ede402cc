package dev.bulwark.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each scheme against its order file {@code versions/<name>.txt} ({@code a < b}, {@code a == b}, {@code a > b}). */
class VersionOrderTest {

    static Stream<Arguments> comparisons() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("dpkg", "rpm", "apk", "semver", "maven", "npm", "go", "pypi", "rubygems", "nuget",
                "composer")) {
            String scheme = file.equals("pypi") ? "pep440" : file;
            try (InputStream in = VersionOrderTest.class.getResourceAsStream("/versions/" + file + ".txt")) {
                assertThat(in).as("order file for %s", file).isNotNull();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] t = line.trim().split("\\s+");
                    assertThat(t).as("line '%s' of %s.txt", line, file).hasSize(3);
                    out.add(Arguments.of(scheme, t[0], t[1], t[2]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @MethodSource("comparisons")
    void ordersVersionsAsTheEcosystemDoes(String scheme, String a, String op, String b) {
        VersionScheme s = VersionSchemes.byName(scheme);
        int expected = switch (op) {
            case "<" -> -1;
            case ">" -> 1;
            case "==" -> 0;
            default -> throw new IllegalArgumentException("unknown operator " + op);
        };
        assertThat(Integer.signum(s.compare(a, b))).as("%s %s %s", a, op, b).isEqualTo(expected);
        assertThat(Integer.signum(s.compare(b, a))).as("reversed: %s vs %s", b, a).isEqualTo(-expected);
    }

    @Test
    void rejectsStringsThatAreNotVersionsOfTheScheme() {
        assertThatThrownBy(() -> VersionSchemes.APK.compare("4.10-1-r1", "1.0"))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("4.10-1-r1");
        assertThatThrownBy(() -> VersionSchemes.APK.compare("1.7.5.-r1", "1.0"))
                .isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> VersionSchemes.DPKG.compare("a:1.0", "1.0"))
                .isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> VersionSchemes.SEMVER.compare("not-a-version", "1.0.0"))
                .isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> VersionSchemes.PEP440.compare("1.0-foo-bar", "1.0"))
                .isInstanceOf(InvalidVersionException.class);
        assertThat(VersionSchemes.RPM.isValid("1:1.8.0.402.b06-2.el8")).isTrue();
    }
}
