package org.haven.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code haven tenants}): on its own it shows what they are. */
public abstract class CommandGroup implements Runnable {

    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
