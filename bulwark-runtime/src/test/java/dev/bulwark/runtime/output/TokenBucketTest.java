package dev.bulwark.runtime.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketLetsABurstThroughThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 3);
        long t = 100 * SECOND;
        assertThat(bucket.claim(t)).isTrue();
        assertThat(bucket.claim(t)).isTrue();
        assertThat(bucket.claim(t)).isTrue();
        assertThat(bucket.claim(t)).isFalse();
        assertThat(bucket.claim(t + SECOND / 2)).isTrue();
        assertThat(bucket.claim(t + SECOND / 2)).isFalse();
        // a long pause refills up to the burst size only
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += bucket.claim(t + 60 * SECOND) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void timeGoingBackwardsDoesNotRefill() {
        TokenBucket bucket = new TokenBucket(1, 1);
        assertThat(bucket.claim(10 * SECOND)).isTrue();
        assertThat(bucket.claim(5 * SECOND)).isFalse();
        assertThat(bucket.claim(10 * SECOND)).isFalse();
        assertThat(bucket.claim(11 * SECOND)).isTrue();
    }
}
