package dev.bulwark.image;

/**
 * How to reach registries: explicit credentials (which win over {@code ~/.docker/config.json}) and whether TLS may
 * be skipped.
 *
 * @param username the user name for every registry this run talks to, or {@code null} to use
 *     {@code ~/.docker/config.json} (its {@code auths}, {@code credHelpers} and {@code credsStore}) or none
 * @param password the password or token for {@code username}, or {@code null}
 * @param insecure allow registries without valid TLS: try HTTPS without verifying the certificate, then plain HTTP
 */
public record RegistryOptions(String username, String password, boolean insecure) {

    /** Credentials from the Docker config, TLS required. */
    public static final RegistryOptions DEFAULTS = new RegistryOptions(null, null, false);

    public RegistryOptions {
        if ((username == null) != (password == null)) {
            throw new dev.bulwark.core.UsageException("--username/--password", "give both or neither");
        }
    }

    @Override
    public String toString() {
        return "RegistryOptions[username=" + username + ", password=" + (password == null ? null : "***")
                + ", insecure=" + insecure + "]";
    }
}
