package org.haven.cli.account;

import java.util.Optional;

/** What the CLI knows about the shape of a Haven token: {@code hvn_<kind>_<id>_<secret>}, the id naming it in the API. */
final class PersonalToken {

    private PersonalToken() {}

    static Optional<String> idOf(String token) {
        String[] parts = token.split("_", 4);
        if (parts.length == 4 && "hvn".equals(parts[0]) && !parts[2].isEmpty()) {
            return Optional.of(parts[2]);
        }
        return Optional.empty();
    }
}
