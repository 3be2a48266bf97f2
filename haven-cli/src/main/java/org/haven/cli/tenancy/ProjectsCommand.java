package org.haven.cli.tenancy;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.ListOptions;
import org.haven.cli.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven projects}: projects hosted by a tenant, the partner tenants they share with, and their members. */
@Command(name = "projects", description = "Create and manage projects, their partner tenants and members.",
        subcommands = {ProjectsCommand.Create.class, ProjectsCommand.List.class, ProjectsCommand.Get.class,
                ProjectsCommand.Partners.class, ProjectsCommand.AddPartner.class, ProjectsCommand.RemovePartner.class,
                ProjectsCommand.Members.class, ProjectsCommand.Grant.class, ProjectsCommand.Revoke.class})
public final class ProjectsCommand extends CommandGroup {

    private static final String PROJECTS = "/api/v1/projects";

    static String project(String id) {
        return PROJECTS + "/" + HavenApi.segment(id);
    }

    static void printProject(PrintWriter out, JsonNode project) {
        Table.printFields(out, project, "id", "id", "name", "name", "host tenant", "host_tenant_id",
                "description", "description", "created", "created_at");
    }

    @Command(name = "create", description = "Create a project hosted by a tenant.")
    static final class Create extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The host tenant.")
        String tenant;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--description", description = "What the project is for.")
        String description;

        @Override
        protected int execute(HavenApi api) {
            JsonNode project = api.post(TenantsCommand.tenant(tenant) + "/projects", HavenApi.body("name", name, "description", description));
            return print(project, out -> {
                out.println("created project " + name);
                printProject(out, project);
            });
        }
    }

    @Command(name = "list", description = "List the projects you can see.")
    static final class List extends ApiCommand {

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            JsonNode page = api.list(PROJECTS, list.query(), list.all());
            return print(page, out -> {
                Table table = Table.of("id", "name", "host tenant", "created");
                page.path("items").forEach(project -> table.row(project.path("id"), project.path("name"),
                        project.path("host_tenant_id"), project.path("created_at")));
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }

    @Command(name = "get", description = "Show one project.")
    static final class Get extends ApiCommand {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        protected int execute(HavenApi api) {
            JsonNode project = api.get(project(id));
            return print(project, out -> printProject(out, project));
        }
    }

    @Command(name = "partners", description = "List the partner tenants of a project.")
    static final class Partners extends ApiCommand {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        protected int execute(HavenApi api) {
            JsonNode partners = api.get(project(id) + "/partners");
            return print(partners, out -> {
                Table table = Table.of("tenant");
                partners.forEach(table::row);
                table.print(out);
            });
        }
    }

    @Command(name = "add-partner", description = "Make a tenant a partner in a project.")
    static final class AddPartner extends ApiCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The project.")
        String id;

        @Parameters(index = "1", paramLabel = "TENANT_ID", description = "The partner tenant.")
        String tenant;

        @Override
        protected int execute(HavenApi api) {
            JsonNode result = api.put(project(id) + "/partners/" + HavenApi.segment(tenant), null);
            return print(result, out -> out.println("tenant " + tenant + " is a partner in project " + id));
        }
    }

    @Command(name = "remove-partner", description = "End a tenant's partnership in a project.")
    static final class RemovePartner extends ApiCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The project.")
        String id;

        @Parameters(index = "1", paramLabel = "TENANT_ID", description = "The partner tenant.")
        String tenant;

        @Override
        protected int execute(HavenApi api) {
            JsonNode result = api.delete(project(id) + "/partners/" + HavenApi.segment(tenant));
            return print(result, out -> out.println("tenant " + tenant + " is no longer a partner in project " + id));
        }
    }

    @Command(name = "members", description = "List who holds roles in a project.")
    static final class Members extends ApiCommand {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        protected int execute(HavenApi api) {
            JsonNode members = api.get(project(id) + "/members");
            return print(members, out -> Member.table(members).print(out));
        }
    }

    @Command(name = "grant", description = "Set a member's roles in a project to exactly the ones given.")
    static final class Grant extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "The project.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Member member;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "A role to hold (repeatable): ${COMPLETION-CANDIDATES}.")
        Set<ProjectRole> roles = new LinkedHashSet<>();

        @Override
        protected int execute(HavenApi api) {
            java.util.List<String> names = roles.stream().map(Enum::name).toList();
            JsonNode result = api.put(project(id) + "/members/" + member.path(), HavenApi.body("roles", names));
            return print(result, out -> out.println(member.subject() + " now holds " + Table.cell(result.path("roles")) + " in project " + id));
        }
    }

    @Command(name = "revoke", description = "Remove all of a member's roles in a project.")
    static final class Revoke extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "The project.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Member member;

        @Override
        protected int execute(HavenApi api) {
            JsonNode result = api.delete(project(id) + "/members/" + member.path());
            return print(result, out -> out.println(member.subject() + " no longer holds any role in project " + id));
        }
    }
}
