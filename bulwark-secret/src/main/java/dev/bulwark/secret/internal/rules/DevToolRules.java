package dev.bulwark.secret.internal.rules;

import static dev.bulwark.core.Severity.CRITICAL;
import static dev.bulwark.core.Severity.HIGH;
import static dev.bulwark.core.Severity.MEDIUM;
import static dev.bulwark.secret.internal.rules.RuleBuilder.assignment;
import static dev.bulwark.secret.internal.rules.RuleBuilder.pattern;
import static dev.bulwark.secret.internal.rules.RuleBuilder.token;

import dev.bulwark.secret.SecretRule;
import java.util.List;

/** Source hosts, CI/CD, package registries and infrastructure tools: the credentials that reach code and builds. */
final class DevToolRules {

    private static final String UUID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    private DevToolRules() {
    }

    static List<SecretRule> rules() {
        return List.of(
                // GitHub
                token("github-pat", "GitHub", CRITICAL, "GitHub personal access token", "ghp_[A-Za-z0-9]{36}",
                        "ghp_").build(),
                token("github-fine-grained-pat", "GitHub", CRITICAL, "GitHub fine-grained personal access token",
                        "github_pat_\\w{82}", "github_pat_").build(),
                token("github-oauth", "GitHub", HIGH, "GitHub OAuth access token", "gho_[A-Za-z0-9]{36}", "gho_")
                        .build(),
                token("github-app-token", "GitHub", HIGH, "GitHub App token", "(?:ghu|ghs)_[A-Za-z0-9]{36}", "ghu_",
                        "ghs_").build(),
                token("github-refresh-token", "GitHub", HIGH, "GitHub refresh token", "ghr_[A-Za-z0-9]{36,76}",
                        "ghr_").build(),
                // GitLab
                token("gitlab-pat", "GitLab", CRITICAL, "GitLab personal access token",
                        "glpat-(?:[\\w-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7}|[\\w-]{20})", "glpat-").alias(
                                "gitlab-pat-routable").build(),
                token("gitlab-ptt", "GitLab", HIGH, "GitLab pipeline trigger token", "glptt-[0-9a-f]{40}", "glptt-")
                        .build(),
                token("gitlab-rrt", "GitLab", HIGH, "GitLab runner registration token", "GR1348941[\\w-]{20}",
                        "gr1348941").entropy(3.0).build(),
                token("gitlab-runner-authentication-token", "GitLab", HIGH, "GitLab runner authentication token",
                        "glrt-(?:[\\w-]{20}|t\\d_[\\w-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7})", "glrt-")
                        .alias("gitlab-runner-authentication-token-routable").build(),
                token("gitlab-deploy-token", "GitLab", HIGH, "GitLab deploy token", "gldt-[\\w-]{20}", "gldt-")
                        .build(),
                token("gitlab-feed-token", "GitLab", MEDIUM, "GitLab feed token", "glft-[\\w-]{20}", "glft-").build(),
                token("gitlab-oauth-app-secret", "GitLab", HIGH, "GitLab OAuth application secret",
                        "gloas-[\\w-]{64}", "gloas-").build(),
                token("gitlab-scim-token", "GitLab", HIGH, "GitLab SCIM token", "glsoat-[\\w-]{20}", "glsoat-")
                        .build(),
                token("gitlab-kubernetes-agent-token", "GitLab", HIGH, "GitLab agent for Kubernetes token",
                        "glagent-[\\w-]{50}", "glagent-").build(),
                token("gitlab-incoming-mail-token", "GitLab", MEDIUM, "GitLab incoming mail token",
                        "glimt-[\\w-]{25}", "glimt-").build(),
                token("gitlab-feature-flag-client-token", "GitLab", MEDIUM, "GitLab feature flag client token",
                        "glffct-[\\w-]{20}", "glffct-").build(),
                token("gitlab-cicd-job-token", "GitLab", HIGH, "GitLab CI/CD job token", "glcbt-\\w{1,5}_[\\w-]{20}",
                        "glcbt-").build(),
                pattern("gitlab-session-cookie", "GitLab", HIGH, "GitLab session cookie",
                        "_gitlab_session=([0-9a-z]{32})", "_gitlab_session=").group(1).atKeyword().build(),
                // Bitbucket, Atlassian
                assignment("bitbucket-client-id", "Bitbucket", MEDIUM, "Bitbucket OAuth client ID",
                        "bitbucket[\\w.-]{0,20}?(?:client|key|id)", "[a-z0-9]{32}", "bitbucket").entropy(3.0).build(),
                assignment("bitbucket-client-secret", "Bitbucket", HIGH, "Bitbucket OAuth client secret",
                        "bitbucket[\\w.-]{0,20}?secret", "[a-z0-9=_-]{64}", "bitbucket").entropy(3.5).build(),
                token("bitbucket-app-password", "Bitbucket", HIGH, "Bitbucket app password / API token",
                        "ATBB[A-Za-z0-9_=.-]{32}", "atbb").entropy(3.5).build(),
                token("atlassian-api-token-v2", "Atlassian", HIGH, "Atlassian API token",
                        "ATATT3[A-Za-z0-9_=-]{150,220}", "atatt3").build(),
                assignment("atlassian-api-token", "Atlassian", HIGH, "Atlassian (Jira, Confluence) API token",
                        "(?:atlassian|confluence|jira)", "(?=[A-Za-z]{0,23}\\d)[A-Za-z0-9]{24}", "atlassian",
                        "confluence", "jira").entropy(3.0).build(),
                // CI/CD and infrastructure
                token("hashicorp-tf-api-token", "HashiCorp", HIGH, "Terraform Cloud / Enterprise API token",
                        "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9=_-]{60,70}", "atlasv1").lines().build(),
                pattern("vault-service-token", "HashiCorp", HIGH, "HashiCorp Vault service token",
                        "(?<![\\w.])(?:(hvs\\.[\\w-]{90,120})|(?i:vault|token)[\\w.-]{0,20}[\\s\"'`:=]{1,5}"
                                + "(s\\.(?=[A-Za-z0-9]{0,23}\\d)(?=[A-Za-z0-9]{0,23}[a-z])(?=[A-Za-z0-9]{0,23}[A-Z])"
                                + "[A-Za-z0-9]{24}))(?![\\w.])", "hvs.", "vault", "token").context(1).atKeyword().build(),
                token("vault-batch-token", "HashiCorp", HIGH, "HashiCorp Vault batch token", "hvb\\.[\\w-]{138,300}",
                        "hvb.").build(),
                token("pulumi-api-token", "Pulumi", HIGH, "Pulumi access token", "pul-[a-f0-9]{40}", "pul-")
                        .entropy(3.0).build(),
                token("doppler-api-token", "Doppler", HIGH, "Doppler API token", "dp\\.pt\\.(?i:[a-z0-9]{43})",
                        "dp.pt.").build(),
                token("octopus-deploy-api-key", "Octopus Deploy", HIGH, "Octopus Deploy API key",
                        "API-[A-Z0-9]{26}", "api-").entropy(3.0).build(),
                token("harness-api-key", "Harness", HIGH, "Harness API key",
                        "(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[0-9a-f]{24}\\.[A-Za-z0-9]{20}", "pat.", "sat.").build(),
                token("buildkite-api-token", "Buildkite", HIGH, "Buildkite API access token", "bkua_[a-f0-9]{40}",
                        "bkua_").build(),
                assignment("circleci-api-token", "CircleCI", HIGH, "CircleCI API token",
                        "circle(?:ci)?[\\w.-]{0,20}?token", "(?:CCIPAT_[A-Za-z0-9]{22}_)?[a-f0-9]{40}", "circle")
                        .build(),
                assignment("travisci-access-token", "Travis CI", HIGH, "Travis CI access token", "travis",
                        "[A-Za-z0-9]{22}", "travis").entropy(3.0).build(),
                assignment("droneci-access-token", "Drone", HIGH, "Drone CI access token", "drone",
                        "[A-Za-z0-9]{32}", "drone").entropy(3.0).build(),
                assignment("jenkins-api-token", "Jenkins", HIGH, "Jenkins API token",
                        "jenkins[\\w.-]{0,20}?(?:token|api[_.-]?key)", "[a-f0-9]{34}", "jenkins").build(),
                token("sonar-api-token-v2", "Sonar", HIGH, "SonarQube / SonarCloud token",
                        "sq[upa]_[A-Za-z0-9]{40}", "squ_", "sqp_", "sqa_").build(),
                assignment("sonar-api-token", "Sonar", HIGH, "SonarQube / SonarCloud token",
                        "sonar[\\w.-]{0,20}?(?:login|token|key)", "[A-Za-z0-9]{40}", "sonar").build(),
                assignment("snyk-api-token", "Snyk", HIGH, "Snyk API token", "snyk", UUID, "snyk").build(),
                token("sourcegraph-access-token", "Sourcegraph", HIGH, "Sourcegraph access token",
                        "sgp_(?:(?:[a-fA-F0-9]{16}|local)_)?[a-fA-F0-9]{40}", "sgp_").entropy(3.0).build(),
                assignment("sourcegraph-access-token-legacy", "Sourcegraph", HIGH, "Sourcegraph access token",
                        "sourcegraph", "[a-fA-F0-9]{40}", "sourcegraph").entropy(3.0).build(),
                token("infracost-api-token", "Infracost", HIGH, "Infracost API token", "ico-[a-zA-Z0-9]{32}", "ico-")
                        .build(),
                token("prefect-api-token", "Prefect", HIGH, "Prefect API token", "pnu_[a-zA-Z0-9]{36}", "pnu_")
                        .build(),
                token("postman-api-token", "Postman", HIGH, "Postman API key", "PMAK-[a-f0-9]{24}-[a-f0-9]{34}",
                        "pmak-").build(),
                token("readme-api-token", "ReadMe", HIGH, "ReadMe API key", "rdme_[a-z0-9]{70}", "rdme_").build(),
                token("frameio-api-token", "Frame.io", HIGH, "Frame.io API token", "fio-u-[\\w=-]{64}", "fio-u-")
                        .build(),
                token("defined-networking-api-token", "Defined Networking", HIGH, "Defined Networking API token",
                        "dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52}", "dnkey-").build(),
                token("settlemint-access-token", "SettleMint", HIGH, "SettleMint access token",
                        "sm_(?:pat|aat|sat)_[a-zA-Z0-9]{16}", "sm_pat_", "sm_aat_", "sm_sat_")
                        .alias("settlemint-personal-access-token", "settlemint-application-access-token",
                                "settlemint-service-access-token").build(),
                // Package registries
                token("npm-access-token", "npm", CRITICAL, "npm access token", "npm_[A-Za-z0-9]{36}", "npm_").build(),
                pattern("npmrc-auth-token", "npm", HIGH, "npm registry credential in .npmrc",
                        "(?<![\\w-])_auth(?:Token)?\\s*=\\s*([^\\s\"'$]{16,512})", "_auth").check(
                                SecretRule.Check.NONE).entropy(3.0).atKeyword().build(),
                token("pypi-upload-token", "PyPI", CRITICAL, "PyPI upload token",
                        "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}", "pypi-ageichlwas5vcmc").build(),
                token("nuget-api-key", "NuGet", HIGH, "NuGet API key", "oy2[a-z0-9]{43}", "oy2").entropy(3.5)
                        .build(),
                pattern("nuget-config-password", "NuGet", HIGH, "NuGet feed password in nuget.config",
                        "(?i)<add\\s+key=[\"']ClearTextPassword[\"']\\s+value=[\"']([^\"'$%]{4,})[\"']",
                        "cleartextpassword").group(1).build(),
                token("dockerhub-pat", "Docker", HIGH, "Docker Hub access token", "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27}",
                        "dckr_pat_", "dckr_oat_").build(),
                pattern("docker-config-auth", "Docker", HIGH, "Registry credentials in a Docker config.json",
                        "\"auth\"\\s*:\\s*\"([A-Za-z0-9+/]{12,}={0,2})\"", "\"auth\"").group(1).entropy(3.0).atKeyword().build(),
                token("rubygems-api-token", "RubyGems", HIGH, "RubyGems API key", "rubygems_[a-f0-9]{48}",
                        "rubygems_").build(),
                token("clojars-api-token", "Clojars", HIGH, "Clojars deploy token", "(?i:CLOJARS_)[a-z0-9]{60}",
                        "clojars_").build(),
                token("artifactory-api-key", "JFrog", HIGH, "JFrog Artifactory API key", "AKCp[A-Za-z0-9]{69}",
                        "akcp").entropy(4.5).build(),
                token("artifactory-reference-token", "JFrog", HIGH, "JFrog Artifactory reference token",
                        "cmVmd[A-Za-z0-9]{59}", "cmvmd").entropy(4.5).build(),
                token("age-secret-key", "Age", HIGH, "age encryption secret key",
                        "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", "age-secret-key-1")
                        // The all-zero key (all Q) is what test suites use: reported, tagged example.
                        .examples("^AGE-SECRET-KEY-1Q{58}$").build(),
                token("1password-secret-key", "1Password", CRITICAL, "1Password account secret key",
                        "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
                        "a3-").entropy(3.0).build(),
                token("1password-service-account-token", "1Password", CRITICAL, "1Password service account token",
                        "ops_eyJ[A-Za-z0-9+/]{250,}={0,3}", "ops_eyj").build());
    }
}
