package org.haven.cli.account;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.haven.cli.CliFailure;
import org.haven.cli.ConfigFile;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code haven logout}: revokes the stored token on its server and removes it from the config file. The local copy
 * goes even when the server cannot be reached, so signing out always leaves no credential behind on this machine.
 */
@Command(name = "logout", description = "Revoke the stored personal access token and remove it from the config file.")
public final class LogoutCommand implements Callable<Integer> {

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConfigFile config = serverOptions.configFile();
        PrintWriter out = spec.commandLine().getOut();
        Optional<ConfigFile.Contents> stored = config.read();
        if (stored.isEmpty() || stored.get().token() == null) {
            out.println("not signed in: no token in " + config.path());
            out.flush();
            return ExitCodes.OK;
        }
        ConfigFile.Contents contents = stored.get();
        String revoked = revoke(contents);
        config.write(new ConfigFile.Contents(contents.server(), null));
        out.println("signed out of " + contents.server() + ": " + revoked + "; token removed from " + config.path());
        out.flush();
        return ExitCodes.OK;
    }

    private String revoke(ConfigFile.Contents contents) {
        Optional<String> id = PersonalToken.idOf(contents.token());
        if (contents.server() == null || id.isEmpty()) {
            return "the token was not revoked on the server (it is not a personal access token)";
        }
        try {
            new HavenApi(ServerOptions.parse(contents.server()), contents.token()).delete("/api/v1/me/tokens/" + HavenApi.segment(id.get()));
            return "token revoked";
        } catch (CliFailure e) {
            spec.commandLine().getErr().println("haven: could not revoke the token on the server: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return "the token may still be valid until it expires";
        }
    }
}
