package org.haven.cli.tenancy;

import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code --user ID} or {@code --app ID}: the one member a grant or revocation is about. */
final class Member {

    @Option(names = "--user", paramLabel = "USER_ID", required = true, description = "A user's id.")
    String user;

    @Option(names = "--app", paramLabel = "APP_ID", required = true, description = "An app's id.")
    String app;

    String subject() {
        return user != null ? "user:" + user : "app:" + app;
    }

    /** The {@code {user|app}/{id}} end of a members path. */
    String path() {
        return user != null ? "user/" + HavenApi.segment(user) : "app/" + HavenApi.segment(app);
    }

    /** The members of a tenant or project as the server lists them: a subject and its roles. */
    static Table table(JsonNode members) {
        Table table = Table.of("subject", "roles");
        members.forEach(member -> table.row(member.path("subject"), member.path("roles")));
        return table;
    }
}
