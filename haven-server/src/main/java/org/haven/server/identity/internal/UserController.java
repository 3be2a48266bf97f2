package org.haven.server.identity.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.config.HavenSettings;
import org.haven.server.identity.Actors;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Principal;
import org.haven.server.web.RequiresPermission;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Local accounts, created by platform administrators when Haven is its own identity provider. */
@RestController
class UserController {

    private final HavenSettings settings;
    private final LocalAccounts accounts;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    UserController(HavenSettings settings, LocalAccounts accounts, AuditTrail audit, TransactionTemplate transactions) {
        this.settings = settings;
        this.accounts = accounts;
        this.audit = audit;
        this.transactions = transactions;
    }

    record CreateUser(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{2,100}", message = "2 to 100 letters, digits and . _ @ -") String username,
            @NotBlank @Size(min = LocalAccounts.MIN_PASSWORD_LENGTH, max = 1000) String password,
            @Size(max = 200) String displayName) {}

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "platform", id = "haven", permission = "administer", visibleWith = "")
    Principal.User create(@Valid @RequestBody CreateUser request) {
        if (!settings.localAccountsEnabled()) {
            throw new HavenException(ErrorCode.CONFLICT, "Local accounts are disabled; people sign in through the OIDC issuer");
        }
        try {
            return transactions.execute(status -> {
                Principal.User user = accounts.create(request.username(), request.password(), request.displayName());
                audit.record(Actors.current(), "user.create", new AuditResource("user", user.id().toString()), Decision.SUCCEEDED, null,
                        Map.of("username", request.username()));
                return user;
            });
        } catch (DuplicateKeyException e) {
            throw new HavenException(ErrorCode.CONFLICT, "A user named '" + request.username() + "' already exists");
        }
    }
}
