package dev.bulwark.config.internal.kubernetes;

/**
 * One YAML document (or a whole JSON file) as plain Java values: maps with string keys, lists, strings, integers, longs,
 * doubles, booleans and nulls.
 *
 * @param root the document's value
 * @param startLine its first line
 * @param endLine its last line
 */
public record ManifestDocument(Object root, int startLine, int endLine) {
}
