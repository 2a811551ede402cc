package dev.bulwark.testkit;

import java.nio.file.Path;

/**
 * A small image built in code whose findings are known by construction: an Alpine 3.9.4 base layer with musl
 * 1.1.20-r4 (CVE-2019-14697, fixed in 1.1.20-r5), an app layer with lodash 4.17.15 (fixed HIGH vulnerabilities)
 * and express 4.16.0 (CVE-2024-9266, LOW, no fix) in {@code node_modules} and a fake GitHub token in
 * {@code /app/.env}, and a last layer that deletes {@code /app/.env} and adds a Dockerfile.
 * The config sets no user (runs as root).
 */
public final class SmallImage {

    /** A fake token with the shape of a GitHub personal access token (no real secret). */
    public static final String TOKEN = "ghp_" + "R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4r";

    private SmallImage() {
    }

    /** Built once: tar entries carry the build time, and base and app image must share this layer's diffID. */
    private static final byte[] BASE_LAYER = buildBaseLayer();

    public static byte[] baseLayer() {
        return BASE_LAYER.clone();
    }

    private static byte[] buildBaseLayer() {
        return new TarBuilder()
                .file("etc/alpine-release", "3.9.4\n")
                .file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.9.4\n"
                        + "PRETTY_NAME=\"Alpine Linux v3.9\"\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.1.20-r4\nA:x86_64\no:musl\nL:MIT\n\n")
                .build();
    }

    public static ImageArchiveBuilder base() {
        return new ImageArchiveBuilder().layer(baseLayer(), "/bin/sh -c #(nop) ADD file:alpine in / ");
    }

    public static ImageArchiveBuilder app(String labels) {
        byte[] appLayer = new TarBuilder()
                .file("app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.15\","
                        + "\"license\":\"MIT\"}")
                .file("app/node_modules/express/package.json", "{\"name\":\"express\",\"version\":\"4.16.0\","
                        + "\"license\":\"MIT\"}")
                .file("app/.env", "GITHUB_TOKEN=" + TOKEN + "\n")
                .build();
        byte[] cleanup = new TarBuilder()
                .whiteout("app/.env")
                .file("app/Dockerfile", "FROM alpine:latest\nRUN apk add curl\n")
                .build();
        ImageArchiveBuilder builder = new ImageArchiveBuilder()
                .layer(baseLayer(), "/bin/sh -c #(nop) ADD file:alpine in / ")
                .layer(appLayer, "COPY app/ /app/ # buildkit")
                .layer(cleanup, "RUN rm /app/.env # buildkit");
        return labels == null ? builder : builder.configJson("\"Labels\":{" + labels + "}");
    }

    /** The app image as a docker-archive. */
    public static Path write(Path dir) {
        return app(null).writeDockerArchive(dir.resolve("app.tar"), "example/app:1.0", false);
    }
}
