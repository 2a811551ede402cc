package dev.bulwark.secret.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aho-Corasick automaton over all rules' keywords, matched case-insensitively (ASCII) against raw bytes in one pass,
 * so that a file costs one table lookup per byte before any regex runs.
 *
 * <p>The automaton is compiled to a dense DFA over byte classes: each byte maps to the class of the (lower-cased)
 * character it is, and bytes that occur in no keyword share class 0. With a few hundred keywords that keeps the
 * transition table small (states x classes ints) and the inner loop branch-free. Immutable and thread-safe.
 */
public final class KeywordIndex {

    private final List<String> keywords;
    private final int[] byteClass = new int[256];
    private final int classes;
    private final int[] next;
    /**
     * The DFA the scan loop runs: entry {@code [row + class]} is the next state's row offset ({@code state * classes}),
     * bit-inverted (negative) when that state ends a keyword, so the loop needs one load and one sign test per byte.
     */
    private final int[] dfa;
    /** Keyword ids ending in each state (own and via suffix links), or null. */
    private final int[][] outputs;

    public KeywordIndex(List<String> keywords) {
        this.keywords = keywords.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        int classCount = 1;
        for (String keyword : this.keywords) {
            for (byte b : keyword.getBytes(StandardCharsets.UTF_8)) {
                int lower = lower(b & 0xFF);
                if (byteClass[lower] == 0) {
                    byteClass[lower] = classCount++;
                }
            }
        }
        for (int b = 0; b < 256; b++) {
            byteClass[b] = byteClass[lower(b)];
        }
        this.classes = classCount;

        // Trie.
        List<int[]> goTo = new ArrayList<>();
        List<List<Integer>> own = new ArrayList<>();
        goTo.add(newRow(classes));
        own.add(new ArrayList<>());
        for (int id = 0; id < this.keywords.size(); id++) {
            byte[] bytes = this.keywords.get(id).getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                continue;
            }
            int state = 0;
            for (byte b : bytes) {
                int c = byteClass[b & 0xFF];
                if (goTo.get(state)[c] < 0) {
                    goTo.get(state)[c] = goTo.size();
                    goTo.add(newRow(classes));
                    own.add(new ArrayList<>());
                }
                state = goTo.get(state)[c];
            }
            own.get(state).add(id);
        }

        // Breadth-first: failure links, then the full DFA (missing edges follow the failure link).
        int states = goTo.size();
        int[] fail = new int[states];
        this.next = new int[states * classes];
        this.outputs = new int[states][];
        List<List<Integer>> all = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            all.add(new ArrayList<>(own.get(s)));
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int child = goTo.get(0)[c];
            if (child > 0) {
                fail[child] = 0;
                next[c] = child;
                queue.add(child);
            } else {
                next[c] = 0;
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            all.get(state).addAll(all.get(fail[state]));
            for (int c = 0; c < classes; c++) {
                int child = goTo.get(state)[c];
                if (child > 0) {
                    fail[child] = next[fail[state] * classes + c];
                    next[state * classes + c] = child;
                    queue.add(child);
                } else {
                    next[state * classes + c] = next[fail[state] * classes + c];
                }
            }
        }
        for (int s = 0; s < states; s++) {
            List<Integer> ids = all.get(s);
            outputs[s] = ids.isEmpty() ? null : ids.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        this.dfa = new int[next.length];
        for (int i = 0; i < next.length; i++) {
            int target = next[i];
            dfa[i] = outputs[target] == null ? target * classes : ~(target * classes);
        }
    }

    private static int[] newRow(int classes) {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    private static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    public List<String> keywords() {
        return keywords;
    }

    /** Receives each keyword occurrence: the keyword's index and the offset just past its last byte. */
    @FunctionalInterface
    public interface HitSink {
        void hit(int keyword, int end);
    }

    /** Reports every occurrence of every keyword in {@code bytes[0, length)}, in order of end offset. */
    public void scan(byte[] bytes, int length, HitSink sink) {
        int[] table = dfa;
        int[] classOf = byteClass;
        int row = 0;
        for (int i = 0; i < length; i++) {
            row = table[row + classOf[bytes[i] & 0xFF]];
            if (row < 0) {
                row = ~row;
                for (int id : outputs[row / classes]) {
                    sink.hit(id, i + 1);
                }
            }
        }
    }
}
