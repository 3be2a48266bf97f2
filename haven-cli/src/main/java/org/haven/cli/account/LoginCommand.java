package org.haven.cli.account;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.CharBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.haven.cli.CliFailure;
import org.haven.cli.ConfigFile;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.HttpJson;
import org.haven.cli.OutputFormat;
import org.haven.cli.PasswordInput;
import org.haven.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code haven login}: signs in with a username and password, then keeps a personal access token (not the
 * short-lived sign-in token) in the config file, so later commands need no password and the token can be revoked
 * on its own.
 */
@Command(name = "login", description = "Sign in and store a personal access token for the next commands.")
public final class LoginCommand implements Callable<Integer> {

    static final Duration TOKEN_LIFETIME = Duration.ofDays(90);

    @Mixin
    ServerOptions serverOptions;

    @Option(names = "--user", paramLabel = "NAME", required = true, description = "Username of a local account.")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordFromStandardInput;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        URI server = serverOptions.baseUri();
        ConfigFile config = serverOptions.configFile();
        char[] password = PasswordInput.read(passwordFromStandardInput, "Password for " + username + " at " + server + ": ");
        String accessToken;
        try {
            accessToken = signIn(server, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        HavenApi api = new HavenApi(server, accessToken);
        Instant expiresAt = Instant.now().plus(TOKEN_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        JsonNode issued = api.post("/api/v1/me/tokens", HavenApi.body("name", tokenName(), "expires_at", expiresAt.toString()));
        revokeReplacedToken(api, config, server);
        config.write(new ConfigFile.Contents(server.toString(), issued.path("token").asString()));

        PrintWriter out = spec.commandLine().getOut();
        JsonNode info = issued.path("info");
        if (output == OutputFormat.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("server", server.toString());
            result.put("user", username);
            result.put("config", config.path().toString());
            result.put("token", info);
            out.println(HttpJson.toJson(result));
        } else {
            out.println("signed in to " + server + " as " + username);
            out.println("personal access token " + info.path("name").asString() + " (" + info.path("id").asString()
                    + ", expires " + info.path("expires_at").asString() + ") stored in " + config.path());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String signIn(URI server, char[] password) {
        Map<String, Object> body = HavenApi.body("username", username, "password", CharBuffer.wrap(password).toString());
        HttpJson.Response response = new HttpJson(server).send("POST", "/api/v1/auth/login", null, body);
        if (!response.ok()) {
            throw new CliFailure("sign-in to " + server + " failed: " + response.problem());
        }
        return response.body().path("access_token").asString();
    }

    /** Signing in again replaces the stored token; the old one is revoked rather than left valid and forgotten. */
    private static void revokeReplacedToken(HavenApi api, ConfigFile config, URI server) {
        config.read()
                .filter(contents -> contents.token() != null && server.toString().equals(contents.server()))
                .flatMap(contents -> PersonalToken.idOf(contents.token()))
                .ifPresent(id -> {
                    try {
                        api.delete("/api/v1/me/tokens/" + HavenApi.segment(id));
                    } catch (CliFailure alreadyGoneOrSomeoneElses) {
                        // Nothing to clean up: it expired, was revoked, or belongs to another account.
                    }
                });
    }

    private static String tokenName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String name = "haven-cli@" + host;
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
