package org.haven.cli.authz;

import picocli.CommandLine.Command;

/** {@code haven authz}: groups the authorization commands. */
@Command(name = "authz",
        subcommands = {ValidateCommand.class},
        mixinStandardHelpOptions = true,
        description = "Work with authorization models (SpiceDB schema language and validation files).")
public final class AuthzCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
