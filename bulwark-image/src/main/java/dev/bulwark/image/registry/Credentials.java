package dev.bulwark.image.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or token) for one registry.
 *
 * @param source where they came from, for messages ({@code --username}, {@code ~/.docker/config.json},
 *     {@code docker-credential-pass}); never the secret itself
 */
public record Credentials(String username, String password, String source) {

    public Credentials {
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(password, "password is null");
    }

    /** The value of an {@code Authorization: Basic} header. */
    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + " from " + source + "]";
    }
}
