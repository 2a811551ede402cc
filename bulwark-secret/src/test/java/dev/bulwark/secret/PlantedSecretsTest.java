package dev.bulwark.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.Severity;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every secret planted in the corpus app images ({@code images/expected/app-layers.tsv}) is found with the right
 * rule, in the right layer, with the right "in final image" flag, and nothing else is reported: the base layers, the
 * jars, node_modules, the Go binary and the rest of the app are clean.
 */
class PlantedSecretsTest {

    private static final String LAYER_2 = "sha256:c42f374ce202b6eee4ba0c9079a3c4a3a3c65ae924cc4f2775d727d9adc6f1a3";
    private static final String LAYER_3 = "sha256:8e97b39a241f94e9d033c914b73ea748b44a5da06dbe81ee8af858ee7091693c";

    private static final SecretScanner SCANNER = SecretScanner.withBuiltInRules();
    private static CorpusImageScan.Result alpine;

    /** The Alpine app image, scanned once for the tests that share it. */
    private static synchronized CorpusImageScan.Result alpine() throws IOException {
        if (alpine == null) {
            alpine = CorpusImageScan.scan(Corpus.require("images/alpine-3.20.3-app.oci.tar"), SCANNER);
        }
        return alpine;
    }

    @Test
    void findsEveryPlantedSecretInTheAlpineAppImageWithItsLayer() throws IOException {
        CorpusImageScan.Result result = alpine();

        assertThat(result.files())
                .extracting(f -> f.location().path(), SecretFinding::ruleId, f -> f.location().layer().diffId().toString(),
                        SecretFinding::inFinalImage)
                .containsExactlyInAnyOrder(
                        tuple("/app/.env", "github-pat", LAYER_2, false),
                        tuple("/app/static/old-key.pem", "private-key", LAYER_2, true),
                        tuple("/root/.ssh/id_rsa", "private-key", LAYER_3, true),
                        tuple("/app/config/deploy.env", "aws-access-key-id", LAYER_3, true),
                        tuple("/app/config/deploy.env", "aws-secret-access-key", LAYER_3, true),
                        tuple("/app/config/application.properties", "aws-access-key-id", LAYER_3, true),
                        tuple("/app/config/application.properties", "aws-secret-access-key", LAYER_3, true));
        assertThat(result.filesRead()).as("files read of %d", result.filesSeen()).isLessThan(result.filesSeen());
        System.out.printf("alpine app image: %d regular files, %d read%n", result.filesSeen(), result.filesRead());
    }

    @Test
    void reportsTheAwsDocumentationPairAsLowSeverityExample() throws IOException {
        CorpusImageScan.Result result = alpine();

        List<SecretFinding> docs = result.files().stream()
                .filter(f -> f.location().path().equals("/app/config/application.properties")).toList();
        assertThat(docs).hasSize(2).allSatisfy(f -> {
            assertThat(f.tags()).contains("example");
            assertThat(f.severity()).isEqualTo(Severity.LOW);
        });
        List<SecretFinding> real = result.files().stream()
                .filter(f -> f.location().path().equals("/app/config/deploy.env")).toList();
        assertThat(real).hasSize(2).allSatisfy(f -> {
            assertThat(f.tags()).doesNotContain("example");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(docs).extracting(SecretFinding::redactedMatch).anySatisfy(m -> assertThat(m).contains("AKIA")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void findsTheSecretInTheImageConfigEnvOnceAlthoughTheHistoryRepeatsIt() throws IOException {
        CorpusImageScan.Result result = alpine();

        assertThat(result.config()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("aws-secret-access-key");
            assertThat(f.location().path()).isEqualTo(SecretScanner.IMAGE_CONFIG_TARGET);
            assertThat(f.location().layer()).isNull();
            assertThat(f.redactedLine()).startsWith("Env: AWS_SECRET_ACCESS_KEY=");
        });
    }

    @Test
    void marksTheKeyHiddenByTheOpaqueWhiteoutOfTheDebianImageAsNotInTheFinalImage() throws IOException {
        CorpusImageScan.Result result = CorpusImageScan.scan(
                Corpus.require("images/debian-13-slim-app.docker.tar.gz"), SCANNER);

        assertThat(result.files())
                .extracting(f -> f.location().path(), SecretFinding::ruleId, SecretFinding::inFinalImage)
                .containsExactlyInAnyOrder(
                        tuple("/app/.env", "github-pat", false),
                        tuple("/app/static/old-key.pem", "private-key", false),
                        tuple("/root/.ssh/id_rsa", "private-key", true),
                        tuple("/app/config/deploy.env", "aws-access-key-id", true),
                        tuple("/app/config/deploy.env", "aws-secret-access-key", true),
                        tuple("/app/config/application.properties", "aws-access-key-id", true),
                        tuple("/app/config/application.properties", "aws-secret-access-key", true));
        assertThat(result.config()).extracting(SecretFinding::ruleId).containsExactly("aws-secret-access-key");
    }
}
