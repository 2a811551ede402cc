package dev.bulwark.sbom.analyzer.java;

/**
 * Splits a jar file name into artifact id and version, the last resort of identification:
 * {@code spring-core-5.3.17.jar} is {@code spring-core} {@code 5.3.17}; the version starts at the first
 * {@code -<digit>} after which the name has no more letters-only words ({@code jackson-databind-2.12.6.1.jar},
 * {@code guava-31.1-jre.jar}).
 */
record JarFileName(String artifactId, String version) {

    static JarFileName parse(String fileName) {
        String base = fileName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        for (int i = 1; i < base.length() - 1; i++) {
            if (base.charAt(i) == '-' && Character.isDigit(base.charAt(i + 1))) {
                return new JarFileName(base.substring(0, i), base.substring(i + 1));
            }
        }
        return new JarFileName(base, null);
    }
}
