package org.haven.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the server is: {@code --server}, else {@code HAVEN_SERVER}, else the local default. */
public final class ServerOptions {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:HAVEN_SERVER:-http://localhost:8080}",
            description = "Haven server URL (default: $HAVEN_SERVER or http://localhost:8080).")
    String server;

    public URI baseUri() {
        String value = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--server is not a URL: " + server, ExitCodes.USAGE);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CliFailure("--server must be an http(s) URL, not " + server, ExitCodes.USAGE);
        }
        return uri;
    }
}
