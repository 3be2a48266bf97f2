package org.haven.bench.fhir;

import java.util.UUID;

/**
 * A user who reads a tenant's {@code patient} dataset pseudonymised, set up as a research collaboration would be: a
 * second tenant with a project, the user a data user of it, and the project granted PSEUDONYMISED on the dataset.
 */
final class PseudonymisedReader {

    private PseudonymisedReader() {}

    /** Sets the reader up and returns their sign-in token. */
    static String create(HavenFhirIngest haven, String datasetName) throws Exception {
        String admin = haven.token();
        String username = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-" + UUID.randomUUID();
        String userId = HavenFhirIngest.field(haven.call("POST", "/api/v1/users", admin,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", 201), "id");
        String research = HavenFhirIngest.field(haven.call("POST", "/api/v1/tenants", admin,
                "{\"slug\":\"research\",\"name\":\"Research\"}", 201), "id");
        String project = HavenFhirIngest.field(haven.call("POST", "/api/v1/tenants/" + research + "/projects", admin,
                "{\"name\":\"read-bench\"}", 201), "id");
        haven.call("PUT", "/api/v1/projects/" + project + "/members/user/" + userId, admin,
                "{\"roles\":[\"data_user\"]}", 200);
        haven.call("POST", "/api/v1/datasets/" + haven.datasetId(datasetName) + "/grants", admin,
                "{\"project_id\":\"" + project + "\",\"result_type\":\"PSEUDONYMISED\"}", 201);
        return HavenFhirIngest.field(haven.call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", 200), "access_token");
    }
}
