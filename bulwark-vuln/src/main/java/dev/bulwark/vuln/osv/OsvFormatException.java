package dev.bulwark.vuln.osv;

/** A JSON document that is not an OSV record Bulwark can use (no id, wrong types, no usable affected entry). */
public final class OsvFormatException extends Exception {

    public OsvFormatException(String message) {
        super(message);
    }
}
