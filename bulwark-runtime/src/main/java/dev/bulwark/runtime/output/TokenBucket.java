package dev.bulwark.runtime.output;

/**
 * Falco's output rate limit ({@code outputs.rate}, {@code outputs.max_burst}): a bucket of {@code maxBurst} tokens
 * refilled at {@code rate} tokens per second; an alert that finds the bucket empty is not sent. Time is the alert's
 * event time, so a replay is limited as the events happened, not as fast as the file is read (and is repeatable).
 */
public final class TokenBucket {

    private final double rate;
    private final double maxTokens;
    private double tokens;
    private long lastNs = Long.MIN_VALUE;

    public TokenBucket(double rate, int maxBurst) {
        if (rate <= 0 || maxBurst < 1) {
            throw new IllegalArgumentException("rate must be positive and max burst at least 1");
        }
        this.rate = rate;
        this.maxTokens = maxBurst;
        this.tokens = maxBurst;
    }

    /** Takes a token at time {@code nowNs}; false when none is left. */
    public boolean claim(long nowNs) {
        if (lastNs != Long.MIN_VALUE && nowNs > lastNs) {
            tokens = Math.min(maxTokens, tokens + rate * ((nowNs - lastNs) / 1e9));
        }
        if (lastNs == Long.MIN_VALUE || nowNs > lastNs) {
            lastNs = nowNs;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
