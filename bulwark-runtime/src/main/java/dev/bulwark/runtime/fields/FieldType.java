package dev.bulwark.runtime.fields;

/** The value types of filter fields; they decide how a right-hand side is parsed and which operators apply. */
public enum FieldType {
    /** Text; values are {@link String}. */
    STRING,
    /** Integers of any width (pids, fds, uids, ports, times in ns); values are {@link Long}. */
    NUMBER,
    /** {@code true}/{@code false}; values are {@link Boolean}. */
    BOOL,
    /** An IPv4 or IPv6 address; values are {@link String} in canonical text form. */
    IPADDR,
    /** An IP network; values are {@link String} in CIDR form. */
    IPNET,
    /** Raw bytes; values are {@code byte[]}. */
    BYTES
}
