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

/** {@code haven tenants}: organisations, their sub-tenants and who holds which role in them. */
@Command(name = "tenants", description = "Create and manage tenants and their members.",
        subcommands = {TenantsCommand.Create.class, TenantsCommand.List.class, TenantsCommand.Get.class, TenantsCommand.Move.class,
                TenantsCommand.Rename.class, TenantsCommand.Members.class, TenantsCommand.Grant.class,
                TenantsCommand.Revoke.class})
public final class TenantsCommand extends CommandGroup {

    private static final String TENANTS = "/api/v1/tenants";

    static String tenant(String id) {
        return TENANTS + "/" + HavenApi.segment(id);
    }

    static void printTenant(PrintWriter out, JsonNode tenant) {
        Table.printFields(out, tenant, "id", "id", "slug", "slug", "name", "name", "parent", "parent_id", "created", "created_at");
    }

    @Command(name = "create", description = "Create a tenant (platform administrators), or a sub-tenant with --parent.")
    static final class Create extends ApiCommand {

        @Parameters(paramLabel = "SLUG", description = "2 to 63 lowercase letters, digits and dashes.")
        String slug;

        @Option(names = "--name", required = true, description = "The tenant's display name.")
        String name;

        @Option(names = "--parent", paramLabel = "TENANT_ID", description = "Create it under this tenant.")
        String parent;

        @Override
        protected int execute(HavenApi api) {
            String path = parent == null ? TENANTS : tenant(parent) + "/children";
            JsonNode tenant = api.post(path, HavenApi.body("slug", slug, "name", name));
            return print(tenant, out -> {
                out.println("created tenant " + slug);
                printTenant(out, tenant);
            });
        }
    }

    @Command(name = "list", description = "List the tenants you can see.")
    static final class List extends ApiCommand {

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            JsonNode page = api.list(TENANTS, list.query(), list.all());
            return print(page, out -> {
                Table table = Table.of("id", "slug", "name", "parent");
                page.path("items").forEach(tenant -> table.row(tenant.path("id"), tenant.path("slug"), tenant.path("name"), tenant.path("parent_id")));
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }

    @Command(name = "get", description = "Show one tenant.")
    static final class Get extends ApiCommand {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        protected int execute(HavenApi api) {
            JsonNode tenant = api.get(tenant(id));
            return print(tenant, out -> printTenant(out, tenant));
        }
    }

    @Command(name = "rename", description = "Change a tenant's display name (its slug stays).")
    static final class Rename extends ApiCommand {

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--name", required = true, description = "The new display name.")
        String name;

        @Override
        protected int execute(HavenApi api) {
            JsonNode tenant = api.patch(tenant(id), HavenApi.body("name", name));
            return print(tenant, out -> printTenant(out, tenant));
        }
    }

    @Command(name = "move", description = "Place a tenant under a parent tenant, or make it top-level.")
    static final class Move extends ApiCommand {

        @Parameters(paramLabel = "ID")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Destination destination;

        static final class Destination {
            @Option(names = "--parent", paramLabel = "TENANT_ID", description = "The new parent tenant.")
            String parent;

            @Option(names = "--top-level", description = "Remove the parent link.")
            boolean topLevel;
        }

        @Override
        protected int execute(HavenApi api) {
            JsonNode tenant = destination.topLevel
                    ? api.delete(tenant(id) + "/parent")
                    : api.put(tenant(id) + "/parent/" + HavenApi.segment(destination.parent), null);
            return print(tenant, out -> printTenant(out, tenant));
        }
    }

    @Command(name = "members", description = "List who holds roles in a tenant.")
    static final class Members extends ApiCommand {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        protected int execute(HavenApi api) {
            JsonNode members = api.get(tenant(id) + "/members");
            return print(members, out -> Member.table(members).print(out));
        }
    }

    @Command(name = "grant", description = "Set a member's roles in a tenant to exactly the ones given.")
    static final class Grant extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "The tenant.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Member member;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "A role to hold (repeatable): ${COMPLETION-CANDIDATES}.")
        Set<TenantRole> roles = new LinkedHashSet<>();

        @Override
        protected int execute(HavenApi api) {
            java.util.List<String> names = roles.stream().map(Enum::name).toList();
            JsonNode result = api.put(tenant(id) + "/members/" + member.path(), HavenApi.body("roles", names));
            return print(result, out -> out.println(member.subject() + " now holds " + Table.cell(result.path("roles")) + " in tenant " + id));
        }
    }

    @Command(name = "revoke", description = "Remove all of a member's roles in a tenant.")
    static final class Revoke extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "The tenant.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Member member;

        @Override
        protected int execute(HavenApi api) {
            JsonNode result = api.delete(tenant(id) + "/members/" + member.path());
            return print(result, out -> out.println(member.subject() + " no longer holds any role in tenant " + id));
        }
    }
}
