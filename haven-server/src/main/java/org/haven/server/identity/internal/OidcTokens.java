package org.haven.server.identity.internal;

import java.util.List;
import org.haven.server.config.HavenSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Tokens of the configured OpenID Connect issuer, validated the standard way: the issuer's keys found through
 * discovery and its JWKS (fetched on first use and refreshed by key id, so the server starts even while the
 * issuer is down), signature, issuer, audience, expiry and not-before.
 */
final class OidcTokens {

    private final HavenSettings.Oidc settings;
    private final JwtDecoder decoder;

    OidcTokens(HavenSettings.Oidc settings) {
        if (settings.audience() == null || settings.audience().isBlank()) {
            throw new IllegalStateException("HAVEN_OIDC_ISSUER needs HAVEN_OIDC_AUDIENCE: without an audience check, "
                    + "tokens the issuer minted for other applications would be accepted");
        }
        this.settings = settings;
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withIssuerLocation(settings.issuer()).build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()),
                new JwtClaimValidator<List<String>>("aud", audience -> audience != null && audience.contains(settings.audience()))));
        this.decoder = nimbus;
    }

    String issuer() {
        return settings.issuer();
    }

    HavenSettings.Oidc settings() {
        return settings;
    }

    JwtDecoder decoder() {
        return decoder;
    }
}
