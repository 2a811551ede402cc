package dev.bulwark.sbom.analyzer.python;

import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA} (wheels, pip), {@code *.egg-info/PKG-INFO} and
 * single-file {@code *.egg-info} (setuptools, distutils). Core metadata is an RFC 822 header block; the body (the
 * description) is not read.
 */
public final class PythonMetadataAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("python-metadata", 1, "pypi",
            List.of("**/*.dist-info/METADATA", "**/*.egg-info/PKG-INFO", "**/*.egg-info"),
            Set.of(AnalyzerDescriptor.Tag.INSTALLED));
    private static final long MAX_SIZE = 8 << 20;

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return size <= MAX_SIZE && (path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO")
                || path.endsWith(".egg-info"));
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        String name = null;
        String version = null;
        String licenseExpression = null;
        List<String> licenses = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "Name" -> name = value;
                case "Version" -> version = value;
                case "License-Expression" -> licenseExpression = value;
                case "License" -> {
                    if (!value.isEmpty() && !value.equalsIgnoreCase("UNKNOWN") && value.length() < 100) {
                        licenses.add(value);
                    }
                }
                default -> {
                    // classifiers and the rest
                }
            }
        }
        if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
            out.warn(input.path(), "Python metadata without Name or Version");
            return;
        }
        out.filePackage(input.path(), PythonPackages.of(name, version,
                licenseExpression != null ? List.of(licenseExpression) : licenses, input.location(null), Map.of()));
    }
}
