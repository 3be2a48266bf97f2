package org.haven.server.identity.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.config.HavenSettings;
import org.haven.server.identity.Actors;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Principal;
import org.haven.server.web.PublicEndpoint;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The built-in sign-in: a local username and password in, a bearer token out. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final HavenSettings settings;
    private final LocalAccounts accounts;
    private final LocalTokens tokens;
    private final AuditTrail audit;

    AuthController(HavenSettings settings, LocalAccounts accounts, LocalTokens tokens, AuditTrail audit) {
        this.settings = settings;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
    }

    record SignInRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 1000) String password) {}

    record TokenResponse(String accessToken, String tokenType, Instant expiresAt, String userId) {}

    @PostMapping("/login")
    @PublicEndpoint("signing in is how a caller gets a token")
    TokenResponse login(@Valid @RequestBody SignInRequest request) {
        if (!settings.localAccountsEnabled()) {
            throw new HavenException(ErrorCode.NOT_FOUND, "The built-in sign-in is not enabled on this server");
        }
        LocalAccounts.SignIn outcome = accounts.signIn(request.username(), request.password());
        if (outcome instanceof LocalAccounts.SignIn.Accepted accepted) {
            Principal.User user = accepted.user();
            LocalTokens.IssuedLocalToken token = tokens.issue(user);
            audit.record(Actors.of(user), "auth.sign_in", new AuditResource("user", user.id().toString()), Decision.SUCCEEDED, null, Map.of());
            return new TokenResponse(token.token(), "Bearer", token.expiresAt(), user.id().toString());
        }
        String reason = outcome instanceof LocalAccounts.SignIn.Locked ? "account locked" : "unknown user or wrong password";
        audit.record(AuditActor.anonymous(), "auth.sign_in", null, Decision.DENIED, reason, Map.of("username", request.username()));
        // The same answer whether the user is unknown, the password wrong or the account locked.
        throw new HavenException(ErrorCode.UNAUTHENTICATED, "Unknown username or wrong password, or too many attempts: try again later");
    }
}
