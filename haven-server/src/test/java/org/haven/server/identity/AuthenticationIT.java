package org.haven.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every way of proving who you are, and every way of failing to. */
class AuthenticationIT extends RunningServer {

    private static final String REJECTED = "A valid bearer token is required";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void theBootstrapAdministratorSignsInAndIsAPlatformAdministrator() {
        JsonNode me = json(get("/api/v1/me", adminToken()));
        assertThat(me.path("type").asText()).isEqualTo("user");
        assertThat(me.path("authenticated_with").asText()).isEqualTo("local_token");
        JsonNode capabilities = json(get("/api/v1/me/capabilities?resource=platform:haven", adminToken()));
        assertThat(capabilities.path("permissions").path("administer").asBoolean()).isTrue();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Caller user = newUser("signin");
        HttpResponse<String> wrongPassword = login(user.username(), "not-the-password");
        HttpResponse<String> unknownUser = login("nobody-" + UUID.randomUUID(), "whatever-password");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(json(wrongPassword).path("detail").asText()).isEqualTo(json(unknownUser).path("detail").asText());
    }

    @Test
    void repeatedFailuresLockTheAccountEvenAgainstTheRightPassword() {
        Caller user = newUser("bruteforce");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(login(user.username(), "guess-" + attempt).statusCode()).isEqualTo(401);
        }
        assertThat(login(user.username(), user.password()).statusCode()).isEqualTo(401);
    }

    @Test
    void oidcUsersAreCreatedOnFirstCallAndKeyedByIssuerAndSubject() {
        String subject = "oidc-" + UUID.randomUUID();
        String token = oidcToken(subject, OIDC_AUDIENCE, 3600, Map.of("email", "ada@example.org", "name", "Ada"));
        JsonNode first = json(get("/api/v1/me", token));
        assertThat(first.path("authenticated_with").asText()).isEqualTo("oidc_token");
        assertThat(first.path("email").asText()).isEqualTo("ada@example.org");
        assertThat(first.path("display_name").asText()).isEqualTo("Ada");
        JsonNode again = json(get("/api/v1/me", oidcToken(subject, OIDC_AUDIENCE, 3600, Map.of())));
        assertThat(again.path("id").asText()).isEqualTo(first.path("id").asText());
    }

    @Test
    void configuredOidcAdministratorsBecomePlatformAdministratorsOthersDoNot() {
        String administrator = oidcToken(OIDC_ADMINISTRATOR, OIDC_AUDIENCE, 3600, Map.of());
        String someoneElse = oidcToken("ordinary-" + UUID.randomUUID(), OIDC_AUDIENCE, 3600, Map.of());
        assertThat(json(get("/api/v1/me/capabilities?resource=platform:haven", administrator)).path("permissions").path("administer").asBoolean())
                .isTrue();
        assertThat(json(get("/api/v1/me/capabilities?resource=platform:haven", someoneElse)).path("permissions").path("administer").asBoolean())
                .isFalse();
        assertThat(send("POST", "/api/v1/tenants", administrator, "{\"slug\":\"oidc-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"From OIDC\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void badOidcTokensAreRejectedWithoutSayingWhy() throws Exception {
        String subject = "attacker-" + UUID.randomUUID();
        String issuer = OIDC.issuerUrl("default").toString();
        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID("not-in-jwks").generate();
        List<String> bad = List.of(
                oidcToken(subject, OIDC_AUDIENCE, -120, Map.of()),                       // expired
                oidcToken(subject, "some-other-api", 3600, Map.of()),                    // wrong audience
                OIDC.issueToken("other-issuer", subject, OIDC_AUDIENCE, Map.of(), 3600L).serialize(), // unknown issuer
                new PlainJWT(claims(issuer, subject, Instant.now())).serialize(),         // alg: none
                signed(foreignKey, claims(issuer, subject, Instant.now())),               // key not in the JWKS
                signed(foreignKey, claims(issuer, subject, Instant.now().plusSeconds(3600))), // not yet valid, and foreign
                "not-a-token",
                "hvn_app_0123456789abcdef0123_forged");
        for (String token : bad) {
            HttpResponse<String> response = get("/api/v1/me", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(json(response).path("detail").asText()).isEqualTo(REJECTED);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void notYetValidTokensOfTheTrustedIssuerAreRejected() throws Exception {
        // Signed by the issuer's own key, through its token callback, with nbf an hour ahead.
        SignedJWT future = OIDC.issueToken("default", "client", new DefaultOAuth2TokenCallback("default", "late-" + UUID.randomUUID(),
                JOSEObjectType.JWT.getType(), List.of(OIDC_AUDIENCE), Map.of("nbf", Instant.now().plusSeconds(3600).getEpochSecond()), 7200));
        assertThat(get("/api/v1/me", future.serialize()).statusCode()).isEqualTo(401);
    }

    @Test
    void noCredentialsAtAllIsA401Problem() {
        HttpResponse<String> response = get("/api/v1/me", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("code").asText()).isEqualTo("unauthenticated");
    }

    @Test
    void personalAccessTokensWorkUntilRevoked() {
        Caller user = newUser("pat");
        HttpResponse<String> created = send("POST", "/api/v1/me/tokens", user.token(), "{\"name\":\"laptop\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = json(created).path("token").asText();
        String tokenId = json(created).path("info").path("id").asText();
        assertThat(token).startsWith("hvn_pat_");

        JsonNode me = json(get("/api/v1/me", token));
        assertThat(me.path("id").asText()).isEqualTo(user.id());
        assertThat(me.path("authenticated_with").asText()).isEqualTo("personal_access_token");
        // The listing names the token but never holds its secret (whose base64url text may itself contain '_').
        assertThat(get("/api/v1/me/tokens", user.token()).body()).doesNotContain(token.substring("hvn_pat_".length()));

        assertThat(send("DELETE", "/api/v1/me/tokens/" + tokenId, user.token(), null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(401);
    }

    /**
     * Servers keep verified tokens in memory; a revocation made elsewhere (another server, an operator in psql)
     * reaches this one when it commits, through the database's notification.
     */
    @Test
    void aTokenRevokedOutsideThisServerIsRefusedOnceTheRevocationCommits() throws Exception {
        Caller user = newUser("pat-elsewhere");
        HttpResponse<String> created = send("POST", "/api/v1/me/tokens", user.token(), "{\"name\":\"laptop\"}");
        String token = json(created).path("token").asText();
        String tokenId = json(created).path("info").path("id").asText();
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE id = :id").param("id", tokenId).update();

        assertThat(statusWithin(Duration.ofSeconds(5), token, 401)).isEqualTo(401);
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWhoseExpiryIsBroughtForwardStopsWorking() throws Exception {
        Caller user = newUser("pat-expiry");
        HttpResponse<String> created = send("POST", "/api/v1/me/tokens", user.token(), "{\"name\":\"laptop\"}");
        String token = json(created).path("token").asText();
        String tokenId = json(created).path("info").path("id").asText();
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE api_tokens SET expires_at = now() WHERE id = :id").param("id", tokenId).update();

        assertThat(statusWithin(Duration.ofSeconds(5), token, 401)).isEqualTo(401);
    }

    @Test
    void aTamperedSecretIsRefusedEvenWhileTheGenuineTokenIsKnown() {
        Caller user = newUser("pat-tampered");
        String token = json(send("POST", "/api/v1/me/tokens", user.token(), "{\"name\":\"laptop\"}"))
                .path("token").asText();
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(200);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(get("/api/v1/me", tampered).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/me", token.replace("hvn_pat_", "hvn_app_")).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(200);
    }

    /** Polls until the status is the one expected or the time is up; the last status seen. */
    private int statusWithin(Duration limit, String token, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int status;
        while ((status = get("/api/v1/me", token).statusCode()) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return status;
    }

    @Test
    void expiredPersonalTokensCannotBeCreated() {
        Caller user = newUser("pat-expired");
        HttpResponse<String> response = send("POST", "/api/v1/me/tokens", user.token(),
                "{\"name\":\"old\",\"expires_at\":\"2020-01-01T00:00:00Z\"}");
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void oversizedHeadersAreRefusedCleanly() {
        HttpResponse<String> response = get("/api/v1/me", "x".repeat(40_000));
        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("Exception", "at org.");
    }

    private HttpResponse<String> login(String username, String password) {
        return send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static String oidcToken(String subject, String audience, long expirySeconds, Map<String, Object> claims) {
        return OIDC.issueToken("default", "client", new DefaultOAuth2TokenCallback("default", subject,
                JOSEObjectType.JWT.getType(), List.of(audience), claims, expirySeconds)).serialize();
    }

    private static JWTClaimsSet claims(String issuer, String subject, Instant notBefore) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(OIDC_AUDIENCE)
                .issueTime(new Date()).notBeforeTime(Date.from(notBefore))
                .expirationTime(Date.from(Instant.now().plusSeconds(7200))).build();
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
