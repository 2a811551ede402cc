/**
 * The model every Bulwark module speaks, and nothing else: packages and where they were found, image layers,
 * findings (vulnerabilities, secrets, misconfigurations), severities and the typed errors that the CLI maps to exit
 * codes.
 *
 * <p>This module depends on the JDK only, so that every other module can depend on it without pulling anything in.
 * Types here are immutable records or enums; behaviour lives in the modules that own it.
 */
package dev.bulwark.core;
