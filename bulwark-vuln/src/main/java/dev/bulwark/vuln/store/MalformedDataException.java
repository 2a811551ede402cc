package dev.bulwark.vuln.store;

/** A stored binary value that does not decode: the database is damaged (or written by a buggy build). */
public final class MalformedDataException extends RuntimeException {

    public MalformedDataException(String message) {
        super(message);
    }
}
