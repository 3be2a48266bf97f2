package org.haven.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.util.Properties;
import javax.sql.DataSource;
import org.haven.server.config.DataDirectory;
import org.haven.server.config.HavenSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedPostgresServer embeddedPostgresServer(HavenSettings settings, DataDirectory dataDirectory) {
        return EmbeddedPostgresServer.start(settings.postgresDir(), dataDirectory.root().resolve("runtime").resolve("postgres-binaries"));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(HavenSettings settings, ObjectProvider<EmbeddedPostgresServer> embedded) {
        HavenSettings.Database db = settings.db();
        HikariConfig config = new HikariConfig();
        config.setPoolName("haven");
        if (db.embedded()) {
            EmbeddedPostgresServer server = embedded.getObject();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.user());
        } else {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
        }
        config.setSchema(db.schema());
        config.setMaximumPoolSize(db.poolSize());
        config.addDataSourceProperty("ApplicationName", "haven");
        // Fail at start-up with the driver's own reason rather than after a long silent wait.
        config.setInitializationFailTimeout(30_000);
        return new HikariDataSource(config);
    }

    @Bean
    MigratedDatabase migratedDatabase(DataSource dataSource, HavenSettings settings) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String version = PostgresPlatform.verify(jdbc);
        var result = DatabaseMigrations.apply(dataSource, settings.db().schema());
        log.info("PostgreSQL {}: schema '{}' at version {} ({} migrations applied now)",
                version, settings.db().schema(), result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion, result.migrationsExecuted);
        return new MigratedDatabase(dataSource);
    }

    /**
     * A connection of its own for LISTEN, made like the pool's: a listener holds its connection for good, which a
     * pool would count as a leak and which would take a slot from requests.
     */
    @Bean(destroyMethod = "close")
    DatabaseNotifications databaseNotifications(HikariDataSource pool, HavenSettings settings) {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "haven-notifications");
        return new DatabaseNotifications(() -> DriverManager.getConnection(pool.getJdbcUrl(), properties),
                settings.db().schema());
    }

    /** Handed only a migrated database, so no repository can run against an outdated schema. */
    @Bean
    JdbcClient jdbcClient(MigratedDatabase database) {
        return JdbcClient.create(database.dataSource());
    }

    @Bean
    PlatformTransactionManager transactionManager(MigratedDatabase database) {
        return new JdbcTransactionManager(database.dataSource());
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }
}
