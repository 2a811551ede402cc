package dev.bulwark.config.internal.cel;

/** A policy file or expression that cannot be used; the message names the file and the policy. */
public final class PolicyException extends Exception {

    public PolicyException(String message) {
        super(message);
    }
}
