package org.haven.server.fhir.internal;

import java.util.Map;
import java.util.UUID;
import org.haven.privacy.Deidentifier;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.PrivacyPolicy;
import org.haven.schema.Schema;
import org.haven.server.sharing.DatasetGrant;
import org.haven.server.sharing.ResultType;

/**
 * How one read of served records is shaped, decided on the dataset the rows belong to: the stored values, or the
 * values de-identified for the project of the grant that allows the read.
 *
 * @param tenantId the dataset's owner, whose keys make the tokens
 * @param datasetId the tenant's {@code patient} or {@code observation} dataset
 * @param grant null for an identifiable read by the dataset's managers, who need no grant
 */
record ServedView(UUID tenantId, UUID datasetId, ResultType resultType, DatasetGrant grant) {

    /**
     * The shape of one request's records, as a download of the dataset would make them: for a pseudonymised read the
     * grant's policy (the standard one, DIRECT fields tokenised, when it names none) with the owner's keys in the
     * project's scope, so a person has the same token here as in that project's extracts.
     */
    RecordShape shape(Schema schema, KeyRing keys) {
        if (resultType != ResultType.PSEUDONYMISED) {
            return new RecordShape(null);
        }
        PrivacyPolicy policy = grant.policy() == null ? PrivacyPolicy.standard() : PrivacyPolicy.parse(grant.policy().toString());
        return new RecordShape(Deidentifier.of(schema, policy, keys,
                KeyScope.project(tenantId.toString(), grant.projectId().toString())));
    }

    /**
     * What the answer's representation depends on besides the row: tokens differ between projects and policies, and
     * a grant's policy may change without the grant being given again.
     */
    String representationKey() {
        if (grant == null) {
            return resultType.name();
        }
        return resultType.name() + ":" + grant.id() + ":" + grant.grantedAt() + ":"
                + (grant.policy() == null ? "standard" : grant.policy().toString());
    }

    /** The audit details that say how the rows were shaped; never a value. */
    void describe(Map<String, String> details) {
        details.put("dataset_id", datasetId.toString());
        details.put("result_type", resultType.name());
        if (grant != null) {
            details.put("grant_id", grant.id().toString());
            details.put("project_id", grant.projectId().toString());
        }
    }
}
