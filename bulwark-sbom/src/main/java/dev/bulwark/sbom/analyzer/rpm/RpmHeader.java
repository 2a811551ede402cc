package dev.bulwark.sbom.analyzer.rpm;

import java.util.List;

/**
 * The fields of one installed package's rpm header that the inventory needs.
 *
 * @param epoch the epoch, or {@code null} when the header has none (which is not the same as 0 for display)
 * @param sourceRpm e.g. {@code acl-2.2.51-14.el7.src.rpm}, or {@code null}
 * @param modularityLabel e.g. {@code container-tools:rhel8:8020020200507003530:0d58ad57}, or {@code null}
 * @param files absolute paths of the files the package owns
 */
public record RpmHeader(String name, Integer epoch, String version, String release, String arch, String sourceRpm,
                        String license, String modularityLabel, List<String> files) {
}
