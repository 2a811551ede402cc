package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.secret.internal.KeywordIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Aho-Corasick prefilter reports exactly the keyword occurrences a naive case-insensitive search finds. */
class KeywordIndexTest {

    @Test
    void findsOverlappingAndNestedKeywordsCaseInsensitively() {
        KeywordIndex index = new KeywordIndex(List.of("key", "apikey", "ke", "token", "-----begin"));
        List<String> hits = new ArrayList<>();
        byte[] text = "MY_APIKEY=1; -----BEGIN x; tokens".getBytes(StandardCharsets.UTF_8);
        index.scan(text, text.length, (keyword, end) -> hits.add(index.keywords().get(keyword) + "@" + end));
        assertThat(hits).containsExactlyInAnyOrder("ke@8", "apikey@9", "key@9", "-----begin@23", "ke@31", "token@32");
    }

    @Test
    void agreesWithNaiveSearchOnRandomText() {
        Random random = new Random(42);
        String alphabet = "abcAB_-";
        for (int round = 0; round < 200; round++) {
            List<String> keywords = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                keywords.add(randomString(random, alphabet, 1 + random.nextInt(4)));
            }
            String text = randomString(random, alphabet, random.nextInt(200));
            KeywordIndex index = new KeywordIndex(keywords);
            TreeSet<String> actual = new TreeSet<>();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            index.scan(bytes, bytes.length, (keyword, end) -> actual.add(index.keywords().get(keyword) + "@" + end));
            TreeSet<String> expected = new TreeSet<>();
            String lower = text.toLowerCase(Locale.ROOT);
            for (String keyword : index.keywords()) {
                for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
                    expected.add(keyword + "@" + (at + keyword.length()));
                }
            }
            assertThat(actual).as("keywords %s in %s", keywords, text).isEqualTo(expected);
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
