package org.haven.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that talk to one in-process server on the embedded defaults over real HTTP. The subclasses
 * share its configuration, so Spring starts the server (and its PostgreSQL) once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningServer {

    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) {
        registry.add("haven.data-dir", DATA_DIR::toString);
        registry.add("haven.http.max-request-bytes", () -> "4096");
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Path createDataDir() {
        try {
            Path directory = Files.createTempDirectory("haven-server-it");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
