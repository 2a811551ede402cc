package dev.bulwark.sbom;

import java.util.Objects;

/**
 * A known dependency between two packages of an inventory: {@code parent} depends on (or, for archives, contains)
 * {@code child}. The ends are {@link Inventory#key package keys}.
 *
 * @param parent the key of the depending or containing package
 * @param child the key of the dependency or contained package
 * @param type what the relation is
 */
public record Relationship(String parent, String child, Type type) {

    /** Kinds of relationships. */
    public enum Type {
        /** Declared in a lockfile or manifest. */
        DEPENDS_ON,
        /** An archive holds the other package (nested jars, shaded artifacts). */
        CONTAINS
    }

    public Relationship {
        Objects.requireNonNull(parent, "parent is null");
        Objects.requireNonNull(child, "child is null");
        Objects.requireNonNull(type, "type is null");
    }
}
