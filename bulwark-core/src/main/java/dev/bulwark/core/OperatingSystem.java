package dev.bulwark.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The distribution an image or root filesystem is built on, as detected from its release files. Matchers turn it
 * into an advisory ecosystem ({@code Debian:12}, {@code Alpine:v3.20}, {@code AlmaLinux:9}).
 *
 * @param family the {@code ID} of os-release, lower case: {@code debian}, {@code alpine}, {@code centos}, ...
 * @param versionId the {@code VERSION_ID} (or the version read from a fallback release file), e.g. {@code 12},
 *     {@code 3.20.3}, {@code 7}
 * @param codename the {@code VERSION_CODENAME}, or {@code null}
 * @param prettyName a human-readable name, e.g. {@code Debian GNU/Linux 12 (bookworm)}
 * @param endOfLife the date upstream support ended or ends, or {@code null} when unknown
 */
public record OperatingSystem(String family, String versionId, String codename, String prettyName,
                              LocalDate endOfLife) {

    public OperatingSystem {
        Objects.requireNonNull(family, "family is null");
        Objects.requireNonNull(versionId, "versionId is null");
    }

    /** True when the end-of-life date is known and before {@code today}. */
    public boolean isEndOfLife(LocalDate today) {
        return endOfLife != null && endOfLife.isBefore(today);
    }
}
