/**
 * Vulnerability data: importing OSV advisories (files, directories, osv.dev {@code all.zip} archives, mirrors) and
 * CISA KEV into an embedded database, the version schemes of every ecosystem, and matching packages against the
 * database into {@link dev.bulwark.core.VulnerabilityFinding}s.
 */
package dev.bulwark.vuln;
