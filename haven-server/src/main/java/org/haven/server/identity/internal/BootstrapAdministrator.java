package org.haven.server.identity.internal;

import java.security.SecureRandom;
import org.haven.server.config.HavenSettings;
import org.haven.server.identity.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start with the built-in sign-in, creates the first platform administrator so that a newcomer can
 * sign in at once. The password comes from {@code HAVEN_BOOTSTRAP_ADMIN_PASSWORD} for scripted installs, or is
 * generated and printed exactly once: it is never stored in clear and never printed again.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final HavenSettings settings;
    private final LocalAccounts accounts;
    private final PlatformRoles platformRoles;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    BootstrapAdministrator(HavenSettings settings, LocalAccounts accounts, PlatformRoles platformRoles, JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.settings = settings;
        this.accounts = accounts;
        this.platformRoles = platformRoles;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.localAccountsEnabled()) {
            return;
        }
        String configured = settings.identity().bootstrapAdminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? generatePassword() : configured;
        String username = settings.identity().bootstrapAdmin();
        Principal.User created = transactions.execute(status -> {
            // Replicas starting together: one creates the administrator, the others find it there.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('haven.bootstrap_admin'))").query().singleRow();
            if (accounts.anyExist()) {
                return null;
            }
            Principal.User admin = accounts.create(username, password, "Administrator");
            platformRoles.grantAdministrator(admin);
            return admin;
        });
        if (created != null && generated) {
            // Printed to standard output rather than the log, so log shipping does not carry it.
            System.out.println();
            System.out.println("  Haven created the first administrator. Sign in with:");
            System.out.println("    username: " + username);
            System.out.println("    password: " + password);
            System.out.println("  This password is shown only once.");
            System.out.println();
        } else if (created != null) {
            log.info("Created the first administrator '{}' with the password from HAVEN_BOOTSTRAP_ADMIN_PASSWORD", username);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
