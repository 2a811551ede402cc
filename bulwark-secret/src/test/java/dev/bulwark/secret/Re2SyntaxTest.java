package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.secret.internal.Re2Syntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RE2 (gitleaks) regex syntax keeps its meaning in java.util.regex, or is refused naming the construct. */
class Re2SyntaxTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "(?P<key>[a-z]+)=(\\d+)     | ([a-z]+)=(\\d+)",
        "[[:alpha:]][[:digit:]]    | [\\p{Alpha}][\\p{Digit}]",
        "[[:^space:]x]             | [\\P{Space}x]",
        "[a[b]                     | [a\\[b]",
        "[a&&b]                    | [a\\&\\&b]",
        "[]a]                      | [\\]a]",
        "[^]a]                     | [^\\]a]",
        "x{,3}                     | x\\{,3\\}",
        "x{2,3}y{4}z{5,}           | x{2,3}y{4}z{5,}",
        "${{ secrets.X }}          | $\\{\\{ secrets.X \\}\\}",
        "\\101\\0                  | \\x{41}\\x{0}",
        "\\v                       | \\x0B",
        "\\p{Greek}\\pL\\P{^Han}   | \\p{IsGreek}\\pL\\p{IsHan}",
        "(?i)abc(?-i:DEF)          | (?i)abc(?-i:DEF)",
        "\\Q[a]{\\E                | \\Q[a]{\\E",
    })
    void translates(String re2, String java) throws Exception {
        assertThat(Re2Syntax.translate(re2.strip())).isEqualTo(java.strip());
    }

    @Test
    void keepsGroupNumbersSoSecretGroupStillPointsAtTheSecret() throws Exception {
        var matcher = Re2Syntax.compile("(?P<name>token)=(?P<value>\\w+)").matcher("token=abc123");
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(2)).isEqualTo("abc123");
    }

    @Test
    void dotAndLineAnchorsTreatOnlyNewlineAsLineEndLikeRe2() throws Exception {
        assertThat(Re2Syntax.compile("a.b").matcher("a\rb").find()).isTrue();
        assertThat(Re2Syntax.compile("a.b").matcher("a\nb").find()).isFalse();
    }

    @Test
    void refusesTheUngreedyFlagNamingIt() {
        assertThatThrownBy(() -> Re2Syntax.compile("(?U)a+")).hasMessageContaining("(?U)");
    }

    @Test
    void refusesAnyByteEscapeNamingIt() {
        assertThatThrownBy(() -> Re2Syntax.compile("a\\Cb")).hasMessageContaining("\\C");
    }

    @Test
    void refusesBackReferencesWhichRe2DoesNotHave() {
        assertThatThrownBy(() -> Re2Syntax.compile("(a)\\1")).hasMessageContaining("back reference");
    }
}
