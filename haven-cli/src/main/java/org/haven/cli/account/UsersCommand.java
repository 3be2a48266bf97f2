package org.haven.cli.account;

import java.nio.CharBuffer;
import java.util.Arrays;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.PasswordInput;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven users}: local accounts, for servers that are their own identity provider. */
@Command(name = "users", description = "Create local user accounts (platform administrators).",
        subcommands = {UsersCommand.Create.class})
public final class UsersCommand extends CommandGroup {

    @Command(name = "create", description = "Create a local user; the password is asked for, or read with --password-stdin.")
    static final class Create extends ApiCommand {

        @Parameters(paramLabel = "USERNAME", description = "2 to 100 letters, digits and . _ @ -")
        String username;

        @Option(names = "--display-name", paramLabel = "NAME", description = "The name people see.")
        String displayName;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordFromStandardInput;

        @Override
        protected int execute(HavenApi api) {
            char[] password = PasswordInput.read(passwordFromStandardInput, "Password for new user " + username + ": ");
            JsonNode user;
            try {
                user = api.post("/api/v1/users", HavenApi.body("username", username,
                        "password", CharBuffer.wrap(password).toString(), "display_name", displayName));
            } finally {
                Arrays.fill(password, '\0');
            }
            return print(user, out -> {
                out.println("created user " + username);
                Table.printFields(out, user, "id", "id", "name", "display_name", "email", "email");
            });
        }
    }
}
