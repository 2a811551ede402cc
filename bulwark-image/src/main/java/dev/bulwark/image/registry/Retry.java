package dev.bulwark.image.registry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * When and how long to wait before trying a registry request again: on 429 (rate limited), on 5xx except 501/505,
 * and on connection failures; exponential backoff from {@code base}, doubled each time up to {@code cap}, honouring
 * {@code Retry-After} seconds up to the cap; at most {@code maxAttempts} attempts in all, so a dead registry fails in
 * bounded time.
 */
record Retry(int maxAttempts, Duration base, Duration cap) {

    static final Retry DEFAULT = new Retry(5, Duration.ofMillis(500), Duration.ofSeconds(10));

    static boolean retryable(int status) {
        return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /** The wait before attempt {@code attempt + 1} (attempts count from 1). */
    Duration delay(int attempt, HttpResponse<?> response) {
        long millis = base.toMillis() << Math.min(attempt - 1, 20);
        Duration backoff = Duration.ofMillis(Math.min(millis, cap.toMillis()));
        Optional<String> retryAfter = response == null ? Optional.empty()
                : response.headers().firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            try {
                long seconds = Long.parseLong(retryAfter.get().trim());
                if (seconds >= 0) {
                    return Duration.ofSeconds(Math.min(seconds, cap.toSeconds()));
                }
            } catch (NumberFormatException e) {
                // an HTTP date: fall back to our own backoff
            }
        }
        return backoff;
    }
}
