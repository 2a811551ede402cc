package dev.bulwark.sbom.analyzer.dpkg;

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
import java.util.Set;

/**
 * The files Debian packages own: {@code /var/lib/dpkg/info/*.list} (absolute paths, one a line) and, in distroless
 * images, {@code /var/lib/dpkg/status.d/*.md5sums} ({@code md5  relative/path}). Language analyzers' findings in
 * these files are the OS package's content and are not reported again.
 */
public final class DpkgFileListAnalyzer implements PackageAnalyzer {

    private static final String INFO = "/var/lib/dpkg/info/";
    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("dpkg-files", 1, "deb",
            List.of(INFO + "*.list", DpkgStatusAnalyzer.STATUS_D + "*.md5sums"),
            Set.of(AnalyzerDescriptor.Tag.OS_PACKAGES));

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return (path.startsWith(INFO) && path.endsWith(".list") && path.indexOf('/', INFO.length()) < 0)
                || (path.startsWith(DpkgStatusAnalyzer.STATUS_D) && path.endsWith(".md5sums"));
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        if (input.size() > DpkgStatusAnalyzer.MAX_SIZE) {
            out.warn(input.path(), "larger than " + DpkgStatusAnalyzer.MAX_SIZE + " bytes; not read");
            return;
        }
        boolean md5sums = input.path().endsWith(".md5sums");
        List<String> files = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String path = line.strip();
            if (md5sums) {
                int space = path.indexOf(' ');
                path = space < 0 ? "" : "/" + path.substring(space).strip();
            }
            if (path.startsWith("/") && path.length() > 1) {
                files.add(path);
            }
        }
        out.ownedFiles(input.path(), files);
    }
}
