package dev.bulwark.sbom;

import dev.bulwark.sbom.format.cyclonedx.CycloneDxWriter;
import dev.bulwark.sbom.format.spdx.SpdxJsonWriter;
import java.io.IOException;
import java.io.Writer;

/** The SBOM formats Bulwark writes. */
public enum SbomFormat {
    /** CycloneDX 1.6 JSON. */
    CYCLONEDX_JSON,
    /** CycloneDX 1.6 XML. */
    CYCLONEDX_XML,
    /** SPDX 2.3 JSON. */
    SPDX_JSON;

    /** Writes {@code inventory} of {@code subject} in this format. */
    public void write(SbomSubject subject, Inventory inventory, Writer out) throws IOException {
        switch (this) {
            case CYCLONEDX_JSON -> new CycloneDxWriter().writeJson(subject, inventory, out);
            case CYCLONEDX_XML -> new CycloneDxWriter().writeXml(subject, inventory, out);
            case SPDX_JSON -> new SpdxJsonWriter().write(subject, inventory, out);
        }
    }
}
