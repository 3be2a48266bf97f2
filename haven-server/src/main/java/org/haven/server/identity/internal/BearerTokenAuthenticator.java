package org.haven.server.identity.internal;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.haven.server.identity.ApiTokens;
import org.haven.server.identity.HavenAuthentication;
import org.haven.server.identity.Principal;
import org.haven.server.identity.Users;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Turns a bearer credential into a {@link HavenAuthentication}. API tokens are recognised by their prefix; JWTs
 * are routed by their (as yet unverified) issuer to the one decoder trusted for it, which then verifies everything.
 * Every rejection reads the same to the caller, so a probe learns nothing about why a token failed.
 */
final class BearerTokenAuthenticator implements AuthenticationManager {

    private final ApiTokens apiTokens;
    private final RecentUsers users;
    private final LocalTokens localTokens;
    private final OidcTokens oidcTokens;
    private final PlatformRoles platformRoles;
    /** Configured administrators already granted the role by this process, so each is written once. */
    private final Set<UUID> administratorsGranted = ConcurrentHashMap.newKeySet();

    BearerTokenAuthenticator(ApiTokens apiTokens, RecentUsers users, LocalTokens localTokens, OidcTokens oidcTokens,
            PlatformRoles platformRoles) {
        this.apiTokens = apiTokens;
        this.users = users;
        this.localTokens = localTokens;
        this.oidcTokens = oidcTokens;
        this.platformRoles = platformRoles;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (ApiTokens.looksLikeApiToken(token)) {
            Principal principal = apiTokens.authenticate(token).orElseThrow(BearerTokenAuthenticator::invalid);
            return new HavenAuthentication(principal, principal instanceof Principal.App
                    ? HavenAuthentication.Method.API_KEY : HavenAuthentication.Method.PERSONAL_ACCESS_TOKEN);
        }
        // A sign-in token this process verified before needs no parsing to find its issuer.
        Optional<Jwt> verifiedLocal = localTokens == null ? Optional.empty() : localTokens.verifiedBefore(token);
        if (verifiedLocal.isPresent()) {
            return localUser(verifiedLocal.get());
        }
        String issuer = unverifiedIssuer(token).orElseThrow(BearerTokenAuthenticator::invalid);
        try {
            if (localTokens != null && Users.LOCAL_ISSUER.equals(issuer)) {
                return localUser(localTokens.verify(token));
            }
            if (oidcTokens != null && oidcTokens.issuer().equals(issuer)) {
                Jwt jwt = oidcTokens.decoder().decode(token);
                String subject = jwt.getClaimAsString(oidcTokens.settings().subjectClaim());
                if (subject == null || subject.isBlank()) {
                    throw invalid();
                }
                Principal.User user = users.provision(issuer, subject,
                        jwt.getClaimAsString(oidcTokens.settings().emailClaim()),
                        jwt.getClaimAsString(oidcTokens.settings().nameClaim()));
                if (oidcTokens.settings().administrators().contains(subject) && administratorsGranted.add(user.id())) {
                    platformRoles.grantAdministrator(user);
                }
                return new HavenAuthentication(user, HavenAuthentication.Method.OIDC_TOKEN);
            }
        } catch (JwtException | IllegalArgumentException e) {
            throw invalid();
        }
        throw invalid();
    }

    private Authentication localUser(Jwt jwt) {
        try {
            Principal.User user = users.find(UUID.fromString(jwt.getSubject())).orElseThrow(BearerTokenAuthenticator::invalid);
            return new HavenAuthentication(user, HavenAuthentication.Method.LOCAL_TOKEN);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Optional<String> unverifiedIssuer(String token) {
        try {
            return Optional.ofNullable(JWTParser.parse(token).getJWTClaimsSet().getIssuer());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static InvalidBearerTokenException invalid() {
        return new InvalidBearerTokenException("invalid bearer token");
    }
}
