package org.haven.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the server is and who the caller is. The server: {@code --server}, else {@code HAVEN_SERVER}, else the
 * server in the config file, else the local default. The token: {@code HAVEN_TOKEN}, else the config file's token,
 * but only for the server it was issued by, so a token is never sent to another server.
 */
public final class ServerOptions {

    static final String LOCAL_SERVER = "http://localhost:8080";

    @Option(names = "--server", paramLabel = "URL",
            description = "Haven server URL (default: $HAVEN_SERVER, else the server signed in to, else " + LOCAL_SERVER + ").")
    String server;

    @Option(names = "--config", paramLabel = "FILE", hidden = true,
            description = "The config file (default: $HAVEN_CONFIG, else $XDG_CONFIG_HOME/haven/config.json, else ~/.config/haven/config.json).")
    Path config;

    /** The server and the token to present to it (null when there is none). */
    public record Target(URI server, String token) {}

    public ConfigFile configFile() {
        return ConfigFile.locate(config, System.getProperty(ConfigFile.PROPERTY), System::getenv);
    }

    public URI baseUri() {
        return target().server();
    }

    public Target target() {
        return resolve(server, System::getenv, configFile().read());
    }

    /** A client that signs its requests with the caller's token; it fails with "not signed in" when there is none. */
    public HavenApi api() {
        Target target = target();
        return new HavenApi(target.server(), target.token());
    }

    static Target resolve(String serverOption, Function<String, String> environment, Optional<ConfigFile.Contents> stored) {
        String chosen = firstSet(serverOption, environment.apply("HAVEN_SERVER"),
                stored.map(ConfigFile.Contents::server).orElse(null), LOCAL_SERVER);
        URI uri = parse(chosen);
        String token = environment.apply("HAVEN_TOKEN");
        if (token == null || token.isBlank()) {
            token = stored.filter(contents -> contents.server() != null && sameServer(uri, contents.server()))
                    .map(ConfigFile.Contents::token)
                    .orElse(null);
        }
        return new Target(uri, token);
    }

    /** A server URL as the CLI uses and stores it: http(s), with a host, without a trailing slash. */
    public static URI parse(String server) {
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

    private static boolean sameServer(URI server, String stored) {
        try {
            return parse(stored).toString().equalsIgnoreCase(server.toString());
        } catch (CliFailure notAUrl) {
            return false;
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalStateException("the last value is a constant");
    }
}
