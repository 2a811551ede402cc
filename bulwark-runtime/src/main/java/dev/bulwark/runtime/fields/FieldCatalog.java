package dev.bulwark.runtime.fields;

import java.util.Collection;

/**
 * The fields of one event source ({@code syscall}, {@code k8s_audit}). Binding a field resolves its name and argument
 * once, at compile time, into an {@link Extractor} that does no lookups per event.
 *
 * @param <E> the event type of the source
 */
public interface FieldCatalog<E> {

    /** The source name used in rule files ({@code source: k8s_audit}). */
    String source();

    /** The field called {@code name}, or {@code null} when this source has no such field. */
    FieldInfo info(String name);

    /** Every field, for documentation and {@code --list-fields}. */
    Collection<FieldInfo> fields();

    /**
     * Resolves {@code name[arg]} ({@code arg} may be {@code null}).
     *
     * @throws IllegalArgumentException with a message naming the problem when the field or argument is invalid
     */
    Extractor<E> bind(String name, String arg);
}
