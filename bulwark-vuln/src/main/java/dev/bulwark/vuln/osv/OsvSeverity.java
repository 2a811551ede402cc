package dev.bulwark.vuln.osv;

/** A severity entry: {@code CVSS_V2}/{@code CVSS_V3}/{@code CVSS_V4} with a vector, or {@code Ubuntu} with a word. */
public record OsvSeverity(String type, String score) {
}
