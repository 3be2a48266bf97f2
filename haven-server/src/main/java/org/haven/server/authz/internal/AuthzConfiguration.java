package org.haven.server.authz.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.haven.authz.AuthzEngine;
import org.haven.authz.AuthzSettings;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.SchemaParser;
import org.haven.authz.store.AuthzSchemaMigrations;
import org.haven.authz.store.PostgresTupleStore;
import org.haven.server.database.MigratedDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

@Configuration(proxyBeanMethods = false)
class AuthzConfiguration {

    static final String SCHEMA_RESOURCE = "/authz/haven.zed";

    @Bean(destroyMethod = "close")
    AuthzEngine authzEngine(MigratedDatabase database) {
        AuthzSchemaMigrations.apply(database.dataSource());
        // Writes go through the transaction-aware proxy and so join the caller's transaction; the change log is
        // read on connections of its own, so the in-memory view never sees what has not been committed.
        PostgresTupleStore store = new PostgresTupleStore(database.dataSource(), new TransactionAwareDataSourceProxy(database.dataSource()));
        return AuthzEngine.open(havenSchema(), store, AuthzSettings.defaults());
    }

    static CompiledSchema havenSchema() {
        try (InputStream in = AuthzConfiguration.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SCHEMA_RESOURCE);
            }
            return SchemaParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
