package org.haven.server.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.haven.server.config.HavenSettings;
import org.haven.server.identity.Principal;
import org.haven.server.identity.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tokens of Haven's built-in sign-in: RS256 JWTs with issuer {@value Users#LOCAL_ISSUER} and audience
 * {@value #AUDIENCE}, signed with a key kept in the database so that every replica issues and accepts the same
 * tokens. The key is created on first start.
 */
@Component
class LocalTokens {

    static final String AUDIENCE = "haven";
    /** Verified tokens kept at most; past it the cache starts again, so memory stays bounded whatever comes in. */
    private static final int MAX_VERIFIED = 10_000;

    private final RSAKey signingKey;
    private final RSASSASigner signer;
    private final JwtDecoder decoder;
    private final Duration lifetime;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    LocalTokens(JdbcClient jdbc, TransactionTemplate transactions, HavenSettings settings) {
        this.lifetime = settings.identity().tokenLifetime();
        this.signingKey = transactions.execute(status -> loadOrCreateKey(jdbc));
        try {
            this.signer = new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable signing key", e);
        }
        this.decoder = decoderFor(signingKey.toPublicJWK());
    }

    /** A signed token for the user, valid for the configured lifetime. */
    IssuedLocalToken issue(Principal.User user) {
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(Users.LOCAL_ISSUER)
                .subject(user.id().toString())
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return new IssuedLocalToken(jwt.serialize(), expires);
    }

    /**
     * The token's claims once its signature, issuer, audience and times are checked. A token's text fixes its
     * signature and claims, so a token already verified is not verified again until it expires: the RS256 check is
     * the costliest part of authenticating a request. Nothing else is cached: the user behind the token is still
     * looked up on every request, so a disabled user is refused at once.
     */
    Jwt verify(String token) {
        Optional<Jwt> known = verifiedBefore(token);
        if (known.isPresent()) {
            return known.get();
        }
        Jwt jwt = decoder.decode(token);
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }

    /** The claims of a token this process has verified and that has not expired since; nothing is parsed. */
    Optional<Jwt> verifiedBefore(String token) {
        Jwt known = verified.get(token);
        if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(Instant.now())) {
            return Optional.of(known);
        }
        return Optional.empty();
    }

    record IssuedLocalToken(String token, Instant expiresAt) {}

    private static RSAKey loadOrCreateKey(JdbcClient jdbc) {
        // Replicas starting together: the first creates the key, the others wait here and then read it.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('haven.signing_keys'))").query().singleRow();
        List<String> existing = jdbc.sql("SELECT jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1")
                .query(String.class).list();
        try {
            if (!existing.isEmpty()) {
                return RSAKey.parse(existing.get(0));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            jdbc.sql("INSERT INTO signing_keys (key_id, jwk) VALUES (:id, :jwk)")
                    .param("id", key.getKeyID()).param("jwk", key.toJSONString()).update();
            return key;
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("unusable signing key in signing_keys", e);
        }
    }

    private static JwtDecoder decoderFor(JWK publicKey) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(new JWKSet(publicKey))));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(Users.LOCAL_ISSUER),
                new JwtClaimValidator<List<String>>("aud", audience -> audience != null && audience.contains(AUDIENCE))));
        return decoder;
    }
}
