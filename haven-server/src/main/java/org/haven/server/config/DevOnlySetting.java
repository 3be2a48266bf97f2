package org.haven.server.config;

import java.util.List;
import java.util.function.Predicate;

/**
 * A default that makes a laptop install work with no setup and is unsafe (or unusable) in production. Each one
 * names the setting that replaces it. Later capabilities add theirs here, so the production guard sees every one.
 */
record DevOnlySetting(String name, String replaceWith, Predicate<HavenSettings> inUse) {

    static final List<DevOnlySetting> ALL = List.of(
            new DevOnlySetting(
                    "embedded PostgreSQL",
                    "set HAVEN_DB_URL (with HAVEN_DB_USER and HAVEN_DB_PASSWORD) to an external PostgreSQL 15+",
                    settings -> settings.db().embedded()),
            new DevOnlySetting(
                    "metrics without a token",
                    "set HAVEN_METRICS_TOKEN so that /metrics requires a bearer token",
                    settings -> settings.metrics().open()),
            new DevOnlySetting(
                    "no way to sign in",
                    "set HAVEN_OIDC_ISSUER (and HAVEN_OIDC_AUDIENCE) for your identity provider, or HAVEN_LOCAL_ACCOUNTS=true"
                            + " for the built-in sign-in",
                    settings -> !settings.identity().oidc().configured() && !settings.localAccountsEnabled()),
            new DevOnlySetting(
                    "no platform administrator",
                    "set HAVEN_OIDC_ADMINISTRATORS to the subjects (at the OIDC issuer) of the first administrators,"
                            + " or HAVEN_LOCAL_ACCOUNTS=true for a bootstrap administrator",
                    settings -> settings.identity().oidc().configured() && !settings.localAccountsEnabled()
                            && settings.identity().oidc().administrators().stream().allMatch(String::isBlank)),
            new DevOnlySetting(
                    "a master key generated in the data directory",
                    "set HAVEN_MASTER_KEY_URI to a key held by AWS KMS (aws-kms://arn:aws:kms:...), or HAVEN_MASTER_KEY_FILE"
                            + " to a key file kept apart from the data and its backups",
                    settings -> settings.privacy().generated()));
}
