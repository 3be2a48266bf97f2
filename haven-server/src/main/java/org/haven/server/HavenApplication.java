package org.haven.server;

import org.haven.server.config.LogFormat;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Haven server: one process that runs embedded on a laptop and as N replicas in production. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HavenApplication {

    public static void main(String[] args) {
        // Logging starts before the Spring environment exists, so the format is chosen here.
        LogFormat.fromEnvironment().apply();
        SpringApplication.run(HavenApplication.class, args);
    }
}
