package org.haven.server.identity.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.Map;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.ErrorCode;
import org.haven.server.identity.Actors;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.ApiTokens;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.identity.HavenAuthentication;
import org.haven.server.identity.Principal;
import org.haven.server.web.AuthorizesOnData;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own identity and personal access tokens. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

    private final ApiTokens tokens;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    MeController(ApiTokens tokens, AuditTrail audit, TransactionTemplate transactions) {
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
    }

    record Me(String subject, String type, UUID id, String displayName, String email, UUID tenantId, String authenticatedWith) {}

    record CreateToken(@NotBlank @Size(max = 100) String name, Instant expiresAt) {}

    @GetMapping
    @AuthorizesOnData("the caller's own profile")
    Me me() {
        Principal principal = CurrentPrincipal.require();
        String method = ((HavenAuthentication) SecurityContextHolder.getContext().getAuthentication()).method().name().toLowerCase(Locale.ROOT);
        if (principal instanceof Principal.App app) {
            return new Me(principal.subject().toString(), "app", app.id(), app.name(), null, app.tenantId(), method);
        }
        Principal.User user = (Principal.User) principal;
        return new Me(principal.subject().toString(), "user", user.id(), user.displayName(), user.email(), null, method);
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @AuthorizesOnData("a user's own tokens")
    ApiTokens.IssuedToken createToken(@Valid @RequestBody CreateToken request) {
        Principal.User user = requireUser();
        return transactions.execute(status -> {
            ApiTokens.IssuedToken issued = tokens.createPersonalToken(user.id(), request.name(), request.expiresAt());
            audit.record(Actors.of(user), "token.create", new AuditResource("user", user.id().toString()), Decision.SUCCEEDED, null,
                    Map.of("personal_access_id", issued.info().id(), "name", request.name()));
            return issued;
        });
    }

    @GetMapping("/tokens")
    @AuthorizesOnData("a user's own tokens")
    List<ApiTokens.TokenInfo> tokens() {
        return tokens.personalTokens(requireUser().id());
    }

    @DeleteMapping("/tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AuthorizesOnData("a user's own tokens")
    void revoke(@PathVariable String tokenId) {
        Principal.User user = requireUser();
        transactions.executeWithoutResult(status -> {
            if (!tokens.revokePersonalToken(user.id(), tokenId)) {
                throw new HavenException(ErrorCode.NOT_FOUND, "No such token");
            }
            audit.record(Actors.of(user), "token.revoke", new AuditResource("user", user.id().toString()), Decision.SUCCEEDED, null,
                    Map.of("personal_access_id", tokenId));
        });
    }

    private static Principal.User requireUser() {
        if (CurrentPrincipal.require() instanceof Principal.User user) {
            return user;
        }
        throw new HavenException(ErrorCode.FORBIDDEN, "Apps use API keys; personal access tokens are for people");
    }
}
