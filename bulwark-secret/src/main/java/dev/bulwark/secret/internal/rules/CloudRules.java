package dev.bulwark.secret.internal.rules;

import static dev.bulwark.core.Severity.CRITICAL;
import static dev.bulwark.core.Severity.HIGH;
import static dev.bulwark.core.Severity.MEDIUM;
import static dev.bulwark.secret.internal.rules.RuleBuilder.assignment;
import static dev.bulwark.secret.internal.rules.RuleBuilder.pattern;
import static dev.bulwark.secret.internal.rules.RuleBuilder.token;

import dev.bulwark.secret.SecretRule;
import java.util.List;

/** Cloud and hosting providers: AWS, Google Cloud, Azure, Alibaba, DigitalOcean, IBM, Yandex, Heroku, Fly.io ... */
final class CloudRules {

    private static final String UUID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    private CloudRules() {
    }

    static List<SecretRule> rules() {
        return List.of(
                token("aws-access-key-id", "AWS", CRITICAL, "AWS access key ID",
                        "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}", "akia", "asia", "abia", "acca", "a3t")
                        .entropy(3.0).examples("EXAMPLE$").alias("aws-access-token").build(),
                assignment("aws-secret-access-key", "AWS", CRITICAL, "AWS secret access key",
                        "aws[\\w.-]{0,20}?(?:secret|sk)[\\w.-]{0,20}?|secret[_.-]?access[_.-]?key",
                        "[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])", "aws", "secret_access", "secretaccess", "secret-access")
                        .entropy(4.0).examples("EXAMPLEKEY$").build(),
                assignment("aws-session-token", "AWS", HIGH, "AWS session token",
                        "aws[_.-]?session[_.-]?token|x-amz-security-token",
                        "[A-Za-z0-9/+]{100,2000}={0,2}(?![A-Za-z0-9/+=])", "aws", "x-amz-security-token")
                        .entropy(4.5).build(),
                token("aws-mws-key", "AWS", HIGH, "Amazon Marketplace Web Service key",
                        "amzn\\.mws\\." + UUID.toLowerCase(), "amzn.mws").build(),
                token("aws-amazon-bedrock-api-key-long-lived", "AWS", HIGH, "Amazon Bedrock API key (long-lived)",
                        "ABSK[A-Za-z0-9+/]{109,269}={0,2}", "absk").entropy(3.0).build(),
                token("aws-amazon-bedrock-api-key-short-lived", "AWS", HIGH, "Amazon Bedrock API key (short-lived)",
                        "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t(?:[A-Za-z0-9+/=%&?-]{0,4096})",
                        "bedrock-api-key-").build(),
                token("gcp-api-key", "GCP", HIGH, "Google API key", "AIza[0-9A-Za-z_-]{35}", "aiza")
                        .entropy(4.0).build(),
                pattern("gcp-service-account", "GCP", HIGH, "Google Cloud service account key file",
                        "\"type\"\\s*:\\s*\"(service_account)\"", "service_account").group(1).build(),
                token("gcp-oauth-client-secret", "GCP", HIGH, "Google OAuth client secret",
                        "GOCSPX-[A-Za-z0-9_-]{28}", "gocspx-").build(),
                token("gcp-oauth-access-token", "GCP", MEDIUM, "Google OAuth access token",
                        "ya29\\.[0-9A-Za-z_-]{50,400}", "ya29.").entropy(3.5).build(),
                token("azure-ad-client-secret", "Azure", HIGH, "Azure AD (Entra ID) client secret",
                        "(?<![\\w~.-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?![\\w~.-])", "q~").lines().build(),
                pattern("azure-storage-account-key", "Azure", CRITICAL, "Azure storage account key",
                        "(?i:AccountKey)\\s*=\\s*([A-Za-z0-9+/]{86}==)", "accountkey").group(1).atKeyword().build(),
                pattern("azure-sas-token", "Azure", HIGH, "Azure shared access signature",
                        "[?&]sv=\\d{4}-\\d{2}-\\d{2}&[^\\s\"'<>]{0,300}?[?&]sig=([A-Za-z0-9%+/]{40,100})", "sv=")
                        .group(1).build(),
                assignment("azure-devops-pat", "Azure", HIGH, "Azure DevOps personal access token",
                        "(?:azure[_.-]?devops|azdo|ado)[\\w.-]{0,20}?(?:pat|token)", "[a-z2-7]{52}", "azure", "azdo",
                        "ado").build(),
                token("alibaba-access-key-id", "Alibaba", HIGH, "Alibaba Cloud access key ID", "LTAI[A-Za-z0-9]{20}",
                        "ltai").entropy(3.0).build(),
                assignment("alibaba-secret-key", "Alibaba", HIGH, "Alibaba Cloud access key secret",
                        "(?:alibaba|aliyun)[\\w.-]{0,20}?(?:secret|key)", "[A-Za-z0-9]{30}", "alibaba", "aliyun")
                        .entropy(3.5).build(),
                token("digitalocean-pat", "DigitalOcean", HIGH, "DigitalOcean personal access token",
                        "dop_v1_[a-f0-9]{64}", "dop_v1_").build(),
                token("digitalocean-access-token", "DigitalOcean", HIGH, "DigitalOcean OAuth access token",
                        "doo_v1_[a-f0-9]{64}", "doo_v1_").build(),
                token("digitalocean-refresh-token", "DigitalOcean", HIGH, "DigitalOcean OAuth refresh token",
                        "dor_v1_[a-f0-9]{64}", "dor_v1_").build(),
                assignment("ibm-cloud-api-key", "IBM", HIGH, "IBM Cloud API key",
                        "ibm[\\w.-]{0,20}?(?:api[_.-]?key|apikey)", "[A-Za-z0-9_-]{44}", "ibm").entropy(3.5).build(),
                token("yandex-api-key", "Yandex", HIGH, "Yandex Cloud API key", "AQVN[A-Za-z0-9_-]{35,38}", "aqvn")
                        .build(),
                token("yandex-access-token", "Yandex", HIGH, "Yandex Cloud IAM token",
                        "t1\\.[A-Za-z0-9_-]+={0,2}\\.[A-Za-z0-9_-]{86}={0,2}", "t1.").build(),
                assignment("yandex-aws-access-token", "Yandex", HIGH, "Yandex Cloud static access key",
                        "yandex[\\w.-]{0,20}?(?:key|token|secret)", "YC[A-Za-z0-9_-]{38}", "yandex").build(),
                assignment("heroku-api-key", "Heroku", HIGH, "Heroku API key", "heroku", UUID, "heroku").build(),
                token("heroku-api-key-v2", "Heroku", HIGH, "Heroku API key", "HRKU-AA[0-9A-Za-z_-]{58}", "hrku-aa")
                        .build(),
                token("flyio-access-token", "Fly.io", HIGH, "Fly.io access token",
                        "(?:fo1_[\\w-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})", "fo1_", "fm1", "fm2").build(),
                assignment("netlify-access-token", "Netlify", HIGH, "Netlify access token", "netlify",
                        "[A-Za-z0-9_=-]{40,46}", "netlify").entropy(3.5).build(),
                assignment("vercel-access-token", "Vercel", HIGH, "Vercel access token", "vercel[\\w.-]{0,20}?token",
                        "[A-Za-z0-9]{24}", "vercel").entropy(3.5).build(),
                assignment("cloudflare-api-key", "Cloudflare", HIGH, "Cloudflare API token", "cloudflare",
                        "[A-Za-z0-9_-]{40}", "cloudflare").entropy(3.5).build(),
                assignment("cloudflare-global-api-key", "Cloudflare", CRITICAL, "Cloudflare global API key",
                        "cloudflare", "[a-f0-9]{37}", "cloudflare").entropy(3.0).build(),
                token("cloudflare-origin-ca-key", "Cloudflare", HIGH, "Cloudflare Origin CA key",
                        "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}", "v1.0-").build(),
                token("scalingo-api-token", "Scalingo", HIGH, "Scalingo API token", "tk-us-[\\w-]{48}", "tk-us-")
                        .build(),
                token("openshift-user-token", "OpenShift", HIGH, "OpenShift user token", "sha256~[\\w-]{43}",
                        "sha256~").build(),
                token("planetscale-password", "PlanetScale", HIGH, "PlanetScale password",
                        "pscale_pw_[\\w=.-]{32,64}", "pscale_pw_").build(),
                token("planetscale-api-token", "PlanetScale", HIGH, "PlanetScale API token",
                        "pscale_tkn_[\\w=.-]{32,64}", "pscale_tkn_").build(),
                token("planetscale-oauth-token", "PlanetScale", HIGH, "PlanetScale OAuth token",
                        "pscale_oauth_[\\w=.-]{32,64}", "pscale_oauth_").build(),
                token("databricks-api-token", "Databricks", HIGH, "Databricks API token",
                        "dapi[a-f0-9]{32}(?:-\\d)?", "dapi").entropy(3.0).build());
    }
}
