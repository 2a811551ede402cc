package dev.bulwark.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The true and false positives from gitleaks' own rule tests ({@code secrets/gitleaks-rule-cases.jsonl} in the shared
 * corpus), with the sample-helper secrets expanded into the 30 contexts gitleaks' {@code GenerateSampleSecrets}
 * wraps them in (configuration files, source code in several languages, Makefiles).
 */
record GitleaksCases(List<Case> cases) {

    /** One case: the gitleaks rule it belongs to, the text, whether it must be found, and the secret if known. */
    record Case(String ruleId, String text, boolean truePositive, boolean generated, String secret) {

        /** The rule family: the vendor prefix of the gitleaks rule id ({@code slack-bot-token} → {@code slack}). */
        String family() {
            int dash = ruleId.indexOf('-');
            return dash < 0 ? ruleId : ruleId.substring(0, dash);
        }
    }

    /** The contexts of gitleaks' GenerateSampleSecrets ({i} = identifier, {s} = secret). */
    static final List<String> TEMPLATES = List.of(
            "{i}Token=\"{s}\"", "{i}Token = \"{s}\"", "{i}Token={s}", "{i}Token = {s}",
            "{\n    \"{i}_token\": \"{s}\"\n}", "\\{\n    \\\"{i}_token\\\": \\\"{s}\\\"\n\\}",
            "<{i}Token>{s}</{i}Token>", "<{i}Token>\n    {s}\n</{i}Token>",
            "{i}_token: {s}", "{i}_token: '{s}'", "{i}_token: \"{s}\"", "{i}_token: |\n  {s}", "{i}_token: >\n  {s}",
            "string {i}Token = \"{s}\";", "var {i}Token string = \"{s}\"", "{i}Token := \"{s}\"", "{i}Token := `{s}`",
            "String {i}Token = \"{s}\";", "var {i}Token = \"{s}\"", "${i}Token .= \"{s}\"", "{i}Token = '{s}'",
            "{i}Token = \"{s}\"", "{i}Token,{s},", "  \"{i}Token\" => \"{s}\"",
            "{i}_TOKEN = \"{s}\"", "{i}_TOKEN := \"{s}\"", "{i}_TOKEN ::= \"{s}\"", "{i}_TOKEN :::= \"{s}\"",
            "{i}_TOKEN ?= \"{s}\"", "{i}_TOKEN += \"{s}\"");

    static GitleaksCases load(Path jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String ruleId = row.get("rule_id").asText();
            for (JsonNode tp : row.get("tps")) {
                cases.add(new Case(ruleId, tp.asText(), true, false, null));
            }
            for (JsonNode helper : row.get("tps_from_sample_helper")) {
                String identifier = helper.get("identifier").asText();
                String secret = helper.get("secret").asText();
                if (helper.get("helper").asText().equals("GenerateSampleSecret")) {
                    cases.add(new Case(ruleId, identifier + "_api_token = \"" + secret + "\"", true, true, secret));
                    continue;
                }
                for (String template : TEMPLATES) {
                    cases.add(new Case(ruleId, template.replace("{i}", identifier).replace("{s}", secret), true, true,
                            secret));
                }
            }
            for (JsonNode fp : row.get("fps")) {
                cases.add(new Case(ruleId, fp.asText(), false, false, null));
            }
        }
        return new GitleaksCases(cases);
    }
}
