package org.haven.server.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DataDirectoryConfiguration {

    @Bean(destroyMethod = "close")
    DataDirectory dataDirectory(HavenSettings settings) {
        return DataDirectory.claim(settings.dataDir());
    }
}
