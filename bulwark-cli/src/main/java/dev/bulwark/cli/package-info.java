/**
 * The {@code bulwark} command line: thin picocli commands that parse options and delegate to {@code bulwark-scan},
 * the one place where errors become exit codes, and where configuration precedence (flag, environment,
 * {@code bulwark.yaml}, default) is decided.
 */
package dev.bulwark.cli;
