package dev.bulwark.image;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the registry client takes from the process, passed in so that tests control it: the HTTP client (a builder,
 * because {@code --insecure} needs its own TLS settings), the clock (token expiry), how to wait between retries, and
 * the environment ({@code DOCKER_CONFIG}, {@code HOME}, and {@code PATH} for {@code docker-credential-*} helpers).
 *
 * @param http makes HTTP client builders; the registry client sets redirects, TLS and timeouts on them
 * @param clock the time, for token expiry
 * @param sleeper waits between retries
 * @param env the environment variables
 */
public record RegistryEnvironment(Supplier<HttpClient.Builder> http, Clock clock, Sleeper sleeper,
                                  Map<String, String> env) {

    /** Waits between retries. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public RegistryEnvironment {
        Objects.requireNonNull(http, "http is null");
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(sleeper, "sleeper is null");
        env = Map.copyOf(env);
    }

    /** The real process: JDK HTTP client, system clock, real sleeping, {@code System.getenv()}. */
    public static RegistryEnvironment system() {
        return new RegistryEnvironment(HttpClient::newBuilder, Clock.systemUTC(), Thread::sleep, System.getenv());
    }

    /** The same, with another environment (the CLI passes its own). */
    public RegistryEnvironment withEnv(Map<String, String> newEnv) {
        return new RegistryEnvironment(http, clock, sleeper, newEnv);
    }
}
