/**
 * Secret scanning: the built-in rule set, gitleaks-compatible user rules, the keyword prefilter and the redaction of
 * every match, producing {@link dev.bulwark.core.SecretFinding}s for files and image configs.
 */
package dev.bulwark.secret;
