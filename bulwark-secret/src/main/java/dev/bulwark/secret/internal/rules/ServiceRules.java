package dev.bulwark.secret.internal.rules;

import static dev.bulwark.core.Severity.CRITICAL;
import static dev.bulwark.core.Severity.HIGH;
import static dev.bulwark.core.Severity.LOW;
import static dev.bulwark.core.Severity.MEDIUM;
import static dev.bulwark.secret.internal.rules.RuleBuilder.assignment;
import static dev.bulwark.secret.internal.rules.RuleBuilder.pattern;
import static dev.bulwark.secret.internal.rules.RuleBuilder.token;

import dev.bulwark.secret.SecretRule;
import java.util.List;

/** Payment, messaging and SaaS APIs, including AI providers. */
final class ServiceRules {

    private static final String UUID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    private ServiceRules() {
    }

    static List<SecretRule> payment() {
        return List.of(
                token("stripe-access-token", "Stripe", CRITICAL, "Stripe secret or restricted key",
                        "(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}", "sk_test_", "sk_live_", "sk_prod_",
                        "rk_test_", "rk_live_", "rk_prod_").entropy(2.0).build(),
                token("square-access-token", "Square", HIGH, "Square access token",
                        "(?:EAAA|sq0atp-)[\\w-]{22,60}", "eaaa", "sq0atp-").entropy(3.0).build(),
                token("square-secret", "Square", HIGH, "Square OAuth secret", "sq0csp-[\\w-]{43}", "sq0csp-")
                        .build(),
                token("paypal-braintree-access-token", "PayPal", CRITICAL, "PayPal Braintree access token",
                        "access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32}", "access_token$production$").build(),
                token("shopify-shared-secret", "Shopify", HIGH, "Shopify shared secret", "shpss_[a-fA-F0-9]{32}",
                        "shpss_").build(),
                token("shopify-access-token", "Shopify", HIGH, "Shopify access token", "shpat_[a-fA-F0-9]{32}",
                        "shpat_").build(),
                token("shopify-custom-access-token", "Shopify", HIGH, "Shopify custom app access token",
                        "shpca_[a-fA-F0-9]{32}", "shpca_").build(),
                token("shopify-private-app-access-token", "Shopify", HIGH, "Shopify private app access token",
                        "shppa_[a-fA-F0-9]{32}", "shppa_").build(),
                token("flutterwave-public-key", "Flutterwave", LOW, "Flutterwave public key",
                        "FLWPUBK(?:_TEST)?-[a-hA-H0-9]{32}-X", "flwpubk").build(),
                token("flutterwave-secret-key", "Flutterwave", HIGH, "Flutterwave secret key",
                        "FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X", "flwseck").build(),
                token("flutterwave-encryption-key", "Flutterwave", HIGH, "Flutterwave encryption key",
                        "FLWSECK(?:_TEST)?[a-hA-H0-9]{12}", "flwseck").build(),
                token("razorpay-api-key", "Razorpay", HIGH, "Razorpay API key", "rzp_(?:live|test)_[A-Za-z0-9]{14}",
                        "rzp_live_", "rzp_test_").build(),
                assignment("gocardless-api-token", "GoCardless", HIGH, "GoCardless API token", "gocardless",
                        "live_[\\w=-]{40}", "gocardless").build(),
                assignment("coinbase-access-token", "Coinbase", HIGH, "Coinbase access token", "coinbase",
                        "[\\w-]{64}", "coinbase").entropy(3.5).build(),
                assignment("plaid-client-id", "Plaid", LOW, "Plaid client ID", "plaid", "[a-f0-9]{24}", "plaid")
                        .entropy(3.0).build(),
                assignment("plaid-secret-key", "Plaid", HIGH, "Plaid secret", "plaid[\\w.-]{0,20}?secret",
                        "[a-f0-9]{30}", "plaid").entropy(3.0).build(),
                token("plaid-api-token", "Plaid", HIGH, "Plaid access token",
                        "access-(?:sandbox|development|production)-" + UUID, "access-sandbox-",
                        "access-development-", "access-production-").build(),
                assignment("kraken-access-token", "Kraken", HIGH, "Kraken API key", "kraken",
                        "[\\w/=+-]{80,90}", "kraken").entropy(3.5).build(),
                assignment("kucoin-secret-key", "KuCoin", HIGH, "KuCoin API secret", "kucoin", UUID, "kucoin")
                        .build(),
                assignment("finicity-api-token", "Finicity", HIGH, "Finicity API token", "finicity",
                        "[a-f0-9]{32}", "finicity").entropy(3.0).build(),
                assignment("finnhub-access-token", "Finnhub", MEDIUM, "Finnhub access token", "finnhub",
                        "[a-z0-9]{20}", "finnhub").entropy(3.0).build(),
                token("shippo-api-token", "Shippo", HIGH, "Shippo API token", "shippo_(?:live|test)_[a-fA-F0-9]{40}",
                        "shippo_").build(),
                pattern("easypost-api-token", "EasyPost", HIGH, "EasyPost API token",
                        "(?<![A-Za-z0-9+/_-])(EZ[AT]K[A-Za-z0-9]{54})(?![A-Za-z0-9+/=_-])", "ezak", "eztk")
                        .alias("easypost-test-api-token").atKeyword().build(),
                token("duffel-api-token", "Duffel", HIGH, "Duffel API token", "duffel_(?:test|live)_[\\w=-]{43}",
                        "duffel_").build(),
                assignment("lob-api-key", "Lob", HIGH, "Lob API key", "lob", "(?:live|test)_[a-f0-9]{35}", "lob")
                        .build(),
                assignment("lob-pub-api-key", "Lob", LOW, "Lob publishable key", "lob",
                        "(?:test|live)_pub_[a-f0-9]{31}", "lob").build());
    }

    static List<SecretRule> messaging() {
        return List.of(
                token("slack-bot-token", "Slack", HIGH, "Slack bot token", "xoxb-\\d{10,13}-\\d{10,13}[A-Za-z0-9-]*",
                        "xoxb-").build(),
                token("slack-user-token", "Slack", HIGH, "Slack user token",
                        "xox[pe](?:-\\d{10,13}){3}-[A-Za-z0-9-]{28,34}", "xoxp-", "xoxe-").build(),
                token("slack-app-token", "Slack", HIGH, "Slack app-level token", "(?i:xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+)",
                        "xapp-").build(),
                token("slack-config-access-token", "Slack", HIGH, "Slack configuration access token",
                        "(?i:xoxe\\.xox[bp]-\\d-[A-Z0-9]{163,166})", "xoxe.xoxb-", "xoxe.xoxp-").build(),
                token("slack-config-refresh-token", "Slack", HIGH, "Slack configuration refresh token",
                        "(?i:xoxe-\\d-[A-Z0-9]{146})", "xoxe-").build(),
                token("slack-legacy-bot-token", "Slack", HIGH, "Slack legacy bot token",
                        "xoxb-\\d{8,14}-[A-Za-z0-9]{18,26}", "xoxb-").build(),
                token("slack-legacy-workspace-token", "Slack", HIGH, "Slack legacy workspace token",
                        "xox[ar]-(?:\\d-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{1,48}){0,4}", "xoxa-", "xoxr-").build(),
                token("slack-legacy-token", "Slack", HIGH, "Slack legacy token", "xox[os]-\\d+-\\d+-\\d+-[a-fA-F0-9]+",
                        "xoxo-", "xoxs-").build(),
                token("slack-webhook-url", "Slack", HIGH, "Slack webhook URL",
                        "(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,80}",
                        "hooks.slack.com").lines().build(),
                token("microsoft-teams-webhook", "Microsoft Teams", HIGH, "Microsoft Teams incoming webhook",
                        "https://[a-z0-9]+\\.webhook\\.office\\.com/webhookb2/" + UUID.toLowerCase() + "@"
                                + UUID.toLowerCase() + "/IncomingWebhook/[a-z0-9]{32}/" + UUID.toLowerCase(),
                        "webhook.office.com").lines().build(),
                token("discord-webhook-url", "Discord", HIGH, "Discord webhook URL",
                        "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[\\w-]{60,70}",
                        "discord").lines().build(),
                assignment("discord-api-token", "Discord", HIGH, "Discord API token", "discord", "[a-f0-9]{64}",
                        "discord").entropy(3.0).build(),
                assignment("discord-client-id", "Discord", LOW, "Discord client ID", "discord", "[0-9]{18}",
                        "discord").entropy(2.0).build(),
                assignment("discord-client-secret", "Discord", HIGH, "Discord client secret", "discord",
                        "[a-z0-9=_-]{32}", "discord").entropy(3.0).build(),
                pattern("telegram-bot-api-token", "Telegram", HIGH, "Telegram bot token",
                        "(?<![\\w:])(\\d{8,10}:AA[0-9A-Za-z_-]{33})(?![\\w-])", ":aa").build(),
                assignment("mattermost-access-token", "Mattermost", HIGH, "Mattermost access token", "mattermost",
                        "[a-z0-9]{26}", "mattermost").entropy(3.0).build(),
                token("twilio-api-key", "Twilio", HIGH, "Twilio API key", "SK[0-9a-fA-F]{32}", "sk").entropy(3.0)
                        .build(),
                assignment("twilio-auth-token", "Twilio", HIGH, "Twilio auth token",
                        "twilio[\\w.-]{0,20}?(?:auth|token|secret)", "[a-f0-9]{32}", "twilio").entropy(3.0).build(),
                token("sendgrid-api-token", "SendGrid", HIGH, "SendGrid API key", "SG\\.[\\w-]{22}\\.[\\w-]{43}", "sg.")
                        .build(),
                token("mailgun-private-api-token", "Mailgun", HIGH, "Mailgun private API key", "key-[a-f0-9]{32}",
                        "key-").entropy(3.0).build(),
                token("mailgun-pub-key", "Mailgun", LOW, "Mailgun public validation key", "pubkey-[a-f0-9]{32}",
                        "pubkey-").build(),
                assignment("mailgun-signing-key", "Mailgun", HIGH, "Mailgun webhook signing key", "mailgun",
                        "[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}", "mailgun").build(),
                assignment("mailchimp-api-key", "Mailchimp", HIGH, "Mailchimp API key", "mailchimp?e?",
                        "[a-f0-9]{32}-us\\d{1,2}", "mailchimp").build(),
                token("sendinblue-api-token", "Brevo", HIGH, "Brevo (Sendinblue) API key",
                        "xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", "xkeysib-").build(),
                assignment("postmark-server-token", "Postmark", HIGH, "Postmark server token", "postmark", UUID,
                        "postmark").build(),
                assignment("messagebird-api-token", "MessageBird", HIGH, "MessageBird API key",
                        "message[_-]?bird", "[A-Za-z0-9]{25}", "messagebird", "message-bird", "message_bird")
                        .entropy(3.0).build(),
                assignment("messagebird-client-id", "MessageBird", MEDIUM, "MessageBird client ID",
                        "message[_-]?bird", UUID, "messagebird", "message-bird", "message_bird").build(),
                assignment("intercom-api-key", "Intercom", HIGH, "Intercom access token", "intercom",
                        "[a-z0-9=_-]{60}", "intercom").entropy(3.5).build(),
                assignment("sendbird-access-token", "Sendbird", HIGH, "Sendbird access token", "sendbird",
                        "[a-f0-9]{40}", "sendbird").entropy(3.0).build(),
                assignment("zendesk-secret-key", "Zendesk", HIGH, "Zendesk API token", "zendesk", "[A-Za-z0-9]{40}",
                        "zendesk").entropy(3.5).build());
    }

    static List<SecretRule> saas() {
        return List.of(
                token("openai-api-key", "OpenAI", CRITICAL, "OpenAI API key",
                        "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}", "t3blbkfj")
                        .lines().build(),
                token("anthropic-api-key", "Anthropic", CRITICAL, "Anthropic API key",
                        "sk-ant-api03-[\\w-]{93}AA", "sk-ant-api03").build(),
                token("anthropic-admin-api-key", "Anthropic", CRITICAL, "Anthropic admin API key",
                        "sk-ant-admin01-[\\w-]{93}AA", "sk-ant-admin01").build(),
                token("huggingface-access-token", "Hugging Face", HIGH, "Hugging Face access token",
                        "hf_(?=[a-zA-Z]{0,33}[A-Z])(?=[a-zA-Z]{0,33}[a-z])[a-zA-Z]{34}", "hf_").build(),
                token("huggingface-organization-api-token", "Hugging Face", HIGH,
                        "Hugging Face organization API token",
                        "api_org_(?=[a-zA-Z]{0,33}[A-Z])(?=[a-zA-Z]{0,33}[a-z])[a-zA-Z]{34}", "api_org_").build(),
                assignment("cohere-api-token", "Cohere", HIGH, "Cohere API key", "cohere|co_api_key",
                        "[A-Za-z0-9]{40}", "cohere", "co_api_key").entropy(3.5).build(),
                token("perplexity-api-key", "Perplexity", HIGH, "Perplexity API key", "pplx-[A-Za-z0-9]{48}", "pplx-")
                        .build(),
                token("groq-api-key", "Groq", HIGH, "Groq API key", "gsk_[A-Za-z0-9]{52}", "gsk_").build(),
                token("replicate-api-token", "Replicate", HIGH, "Replicate API token", "r8_[A-Za-z0-9]{37}", "r8_")
                        .entropy(3.5).build(),
                assignment("privateai-api-token", "Private AI", HIGH, "Private AI API key", "private[_-]?ai",
                        "[a-z0-9]{32}", "privateai", "private_ai", "private-ai").build(),
                token("notion-api-token", "Notion", HIGH, "Notion integration token", "ntn_\\d{11}[A-Za-z0-9]{35}",
                        "ntn_").build(),
                token("linear-api-key", "Linear", HIGH, "Linear API key", "lin_api_[A-Za-z0-9]{40}", "lin_api_")
                        .build(),
                assignment("linear-client-secret", "Linear", HIGH, "Linear OAuth client secret", "linear",
                        "[a-f0-9]{32}", "linear").entropy(3.0).build(),
                assignment("asana-client-secret", "Asana", HIGH, "Asana client secret", "asana", "[a-z0-9]{32}",
                        "asana").entropy(3.0).build(),
                token("airtable-personal-access-token", "Airtable", HIGH, "Airtable personal access token",
                        "pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}", "pat").alias("airtable-personnal-access-token").build(),
                assignment("airtable-api-key", "Airtable", HIGH, "Airtable API key", "airtable", "key[A-Za-z0-9]{14}",
                        "airtable").build(),
                assignment("algolia-api-key", "Algolia", HIGH, "Algolia API key", "algolia", "[a-z0-9]{32}",
                        "algolia").entropy(3.0).build(),
                assignment("datadog-access-token", "Datadog", HIGH, "Datadog API or application key",
                        "datadog|dd[_-]?(?:api|app)", "[a-f0-9]{32}(?:[a-f0-9]{8})?", "datadog", "dd_api", "dd_app",
                        "dd-api", "dd-app").entropy(3.0).build(),
                token("new-relic-user-api-key", "New Relic", HIGH, "New Relic user API key", "NRAK-[A-Z0-9]{27}",
                        "nrak-").build(),
                token("new-relic-browser-api-token", "New Relic", MEDIUM, "New Relic browser API token",
                        "NRJS-[a-f0-9]{19}", "nrjs-").build(),
                token("new-relic-insert-key", "New Relic", HIGH, "New Relic insert key", "NRII-[\\w-]{32}", "nrii-")
                        .build(),
                token("sentry-org-token", "Sentry", HIGH, "Sentry organization token",
                        "sntrys_eyJpYXQiO[A-Za-z0-9+/=]{50,600}_[A-Za-z0-9+/]{43}", "sntrys_").build(),
                token("sentry-user-token", "Sentry", HIGH, "Sentry user token", "sntryu_[a-f0-9]{64}", "sntryu_")
                        .build(),
                assignment("sentry-access-token", "Sentry", HIGH, "Sentry auth token", "sentry", "[a-f0-9]{64}",
                        "sentry").entropy(3.0).build(),
                token("grafana-api-key", "Grafana", HIGH, "Grafana API key", "eyJrIjoi[A-Za-z0-9]{70,400}={0,3}",
                        "eyjrijoi").build(),
                token("grafana-cloud-api-token", "Grafana", HIGH, "Grafana Cloud API token",
                        "glc_[A-Za-z0-9+/]{32,400}={0,3}", "glc_").entropy(3.0).build(),
                token("grafana-service-account-token", "Grafana", HIGH, "Grafana service account token",
                        "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}", "glsa_").build(),
                token("dynatrace-api-token", "Dynatrace", HIGH, "Dynatrace API token",
                        "dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}", "dt0c01.").build(),
                assignment("okta-access-token", "Okta", HIGH, "Okta API token", "okta", "00[\\w=-]{40}", "okta")
                        .entropy(3.5).build(),
                assignment("auth0-client-secret", "Auth0", HIGH, "Auth0 client secret",
                        "auth0[\\w.-]{0,20}?secret", "[A-Za-z0-9_-]{64}", "auth0").entropy(3.5).build(),
                assignment("contentful-delivery-api-token", "Contentful", HIGH, "Contentful delivery API token",
                        "contentful", "[\\w=-]{43}", "contentful").entropy(3.5).build(),
                token("mapbox-secret-token", "Mapbox", HIGH, "Mapbox secret access token",
                        "sk\\.eyJ[\\w-]{50,300}\\.[\\w-]{22}", "sk.eyj").build(),
                assignment("twitter-bearer-token", "Twitter", HIGH, "Twitter / X bearer token", "twitter|x[_-]?api",
                        "A{22}[A-Za-z0-9%]{80,100}", "twitter", "x_api", "x-api").build(),
                assignment("twitter-api-secret", "Twitter", HIGH, "Twitter / X API secret", "twitter",
                        "[A-Za-z0-9]{50}", "twitter").entropy(3.5).build(),
                pattern("facebook-access-token", "Facebook", HIGH, "Facebook app access token",
                        "(?i:facebook|\\bfb)[^\\n]{0,40}?(?<!\\d)(\\d{15,16}(?:\\||%7C)[\\w-]{27})(?![\\w-])",
                        "facebook", "fb").atKeyword().build(),
                token("facebook-page-access-token", "Facebook", HIGH, "Facebook page access token",
                        "EAA[MC][A-Za-z0-9]{100,}", "eaam", "eaac").build(),
                assignment("facebook-secret", "Facebook", HIGH, "Facebook app secret", "facebook|fb",
                        "[a-f0-9]{32}", "facebook", "fb").entropy(3.0).build(),
                assignment("linkedin-client-secret", "LinkedIn", HIGH, "LinkedIn client secret",
                        "linked[_-]?in[\\w.-]{0,20}?secret", "[A-Za-z0-9]{16}", "linkedin", "linked_in", "linked-in")
                        .entropy(3.0).build(),
                token("dropbox-short-lived-api-token", "Dropbox", HIGH, "Dropbox short-lived access token",
                        "sl\\.[\\w=-]{135,}", "sl.").build(),
                assignment("dropbox-api-token", "Dropbox", HIGH, "Dropbox API token", "dropbox",
                        "[a-z0-9]{11}(?:AAAAAAAAAA)[\\w=-]{43}", "dropbox").build(),
                token("typeform-api-token", "Typeform", HIGH, "Typeform personal access token",
                        "tfp_[a-z0-9_.=-]{59}", "tfp_").build(),
                assignment("hubspot-api-key", "HubSpot", HIGH, "HubSpot API key", "hubspot", UUID, "hubspot").build(),
                assignment("twitch-api-token", "Twitch", HIGH, "Twitch API token", "twitch", "[a-z0-9]{30}",
                        "twitch").entropy(3.0).build(),
                assignment("trello-access-token", "Trello", HIGH, "Trello access token", "trello",
                        "[A-Za-z0-9]{32}", "trello").entropy(3.0).build(),
                assignment("etsy-access-token", "Etsy", HIGH, "Etsy access token", "etsy", "[a-z0-9]{24}", "etsy")
                        .entropy(3.0).build(),
                assignment("gitter-access-token", "Gitter", HIGH, "Gitter access token", "gitter",
                        "[a-z0-9_-]{40}", "gitter").entropy(3.0).build(),
                assignment("launchdarkly-access-token", "LaunchDarkly", HIGH, "LaunchDarkly access token",
                        "launchdarkly", "[a-z0-9=_-]{40}", "launchdarkly").entropy(3.0).build(),
                token("maxmind-license-key", "MaxMind", HIGH, "MaxMind license key",
                        "[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk", "_mmk").lines().build(),
                assignment("cisco-meraki-api-key", "Cisco", HIGH, "Cisco Meraki API key", "meraki", "[0-9a-f]{40}",
                        "meraki").entropy(3.0).build(),
                token("clickhouse-cloud-api-secret-key", "ClickHouse", HIGH, "ClickHouse Cloud API secret key",
                        "4b1d[A-Za-z0-9]{38}", "4b1d").entropy(3.0).build(),
                token("intra42-client-secret", "42", HIGH, "42 Network (intra) client secret",
                        "s-s4t2(?:ud|af)-[a-f0-9]{64}", "s-s4t2").build(),
                assignment("beamer-api-token", "Beamer", HIGH, "Beamer API token", "beamer", "b_[a-z0-9=_-]{44}",
                        "beamer").build(),
                token("adobe-client-secret", "Adobe", HIGH, "Adobe client secret", "p8e-[a-z0-9]{32}", "p8e-")
                        .entropy(2.0).build(),
                token("authress-service-client-access-key", "Authress", HIGH, "Authress service client access key",
                        "(?i:(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}"
                                + "\\.[a-z0-9+/_=-]{30,120})", "sc_", "ext_", "scauth_", "authress_").build(),
                pattern("sidekiq-secret", "Sidekiq", HIGH, "Sidekiq Enterprise credentials",
                        "(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)[ \\t]*[:=][ \\t]*[\"']?([a-f0-9]{8}:[a-f0-9]{8})",
                        "bundle_enterprise__contribsys__com", "bundle_gems__contribsys__com").group(1).atKeyword().build(),
                pattern("sidekiq-sensitive-url", "Sidekiq", HIGH, "Sidekiq Enterprise credentials in a URL",
                        "(?i)\\bhttps?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\\.contribsys\\.com(?:[/#?:]|$)",
                        "gems.contribsys.com", "enterprise.contribsys.com").group(1).build(),
                assignment("sumologic-access-id", "Sumo Logic", MEDIUM, "Sumo Logic access ID",
                        "sumo(?:logic)?[_.-]?access[_.-]?id", "su[A-Za-z0-9]{12}", "sumo").entropy(3.0).build(),
                assignment("sumologic-access-token", "Sumo Logic", HIGH, "Sumo Logic access key",
                        "sumo(?:logic)?[_.-]?access[_.-]?key", "[A-Za-z0-9]{64}", "sumo").entropy(3.0).build(),
                assignment("rapidapi-access-token", "RapidAPI", HIGH, "RapidAPI key", "rapidapi", "[\\w-]{50}",
                        "rapidapi").entropy(3.5).build(),
                assignment("nytimes-access-token", "New York Times", MEDIUM, "New York Times API key",
                        "nytimes|new[_-]?york[_-]?times", "[a-z0-9=_-]{32}", "nytimes", "newyorktimes",
                        "new-york-times", "new_york_times").entropy(3.0).build(),
                assignment("freshbooks-access-token", "FreshBooks", HIGH, "FreshBooks access token", "freshbooks",
                        "[a-z0-9]{64}", "freshbooks").entropy(3.0).build());
    }
}
