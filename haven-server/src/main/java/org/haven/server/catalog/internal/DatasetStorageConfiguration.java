package org.haven.server.catalog.internal;

import org.haven.datasets.DuckDbSettings;
import org.haven.server.catalog.DatasetStorageSettings;
import org.haven.server.config.HavenSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatasetStorageConfiguration {

    /** Every DuckDB session of this server: bounded memory, spilling under the data directory. */
    @Bean
    DuckDbSettings duckDbSettings(DatasetStorageSettings settings, HavenSettings haven) {
        return new DuckDbSettings(settings.duckdbMemoryBytes(), settings.duckdbThreads(),
                haven.dataDir().resolve("tmp").resolve("duckdb").toAbsolutePath());
    }
}
