package org.haven.cli;

import org.haven.cli.account.CapabilitiesCommand;
import org.haven.cli.account.LoginCommand;
import org.haven.cli.account.LogoutCommand;
import org.haven.cli.account.MeCommand;
import org.haven.cli.account.TokensCommand;
import org.haven.cli.account.UsersCommand;
import org.haven.cli.audit.AccessCommand;
import org.haven.cli.audit.AuditCommand;
import org.haven.cli.authz.AuthzCommand;
import org.haven.cli.catalog.DatasetsCommand;
import org.haven.cli.catalog.VersionsCommand;
import org.haven.cli.ingest.FilesCommand;
import org.haven.cli.fhir.FhirCommand;
import org.haven.cli.fhir.ObservationsCommand;
import org.haven.cli.fhir.PatientsCommand;
import org.haven.cli.ingest.SourcesCommand;
import org.haven.cli.ingest.UploadCommand;
import org.haven.cli.pipeline.PipelinesCommand;
import org.haven.cli.pipeline.RunsCommand;
import org.haven.cli.privacy.KeysCommand;
import org.haven.cli.privacy.PrivacyCommand;
import org.haven.cli.schema.SchemaCommand;
import org.haven.cli.sharing.GrantsCommand;
import org.haven.cli.tenancy.AppsCommand;
import org.haven.cli.tenancy.ProjectsCommand;
import org.haven.cli.tenancy.TenantsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code haven} command line. {@code haven start} is handled by the launcher script, which runs the server. */
@Command(
        name = "haven",
        mixinStandardHelpOptions = true,
        // Every subcommand answers --help as well.
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = HavenVersion.class,
        description = "Haven: a secure, multi-tenant platform for sensitive data.",
        footer = {"", "Run the server with: haven start"},
        subcommands = {StatusCommand.class, VersionCommand.class, LoginCommand.class, LogoutCommand.class, MeCommand.class,
                TokensCommand.class, UsersCommand.class, TenantsCommand.class, ProjectsCommand.class, AppsCommand.class,
                SourcesCommand.class, UploadCommand.class, FilesCommand.class, FhirCommand.class, PatientsCommand.class,
                ObservationsCommand.class,
                AuditCommand.class, AccessCommand.class, CapabilitiesCommand.class, AuthzCommand.class, SchemaCommand.class,
                DatasetsCommand.class, VersionsCommand.class, GrantsCommand.class, PrivacyCommand.class, KeysCommand.class,
                PipelinesCommand.class, RunsCommand.class,
                CommandLine.HelpCommand.class})
public final class HavenCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HavenCli());
        commandLine.setExecutionExceptionHandler(new OneLineFailure());
        return commandLine;
    }
}
