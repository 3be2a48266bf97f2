package org.haven.server.sharing;

/**
 * What one read of a dataset version's records may return, and the grant it goes through.
 *
 * @param grant the project's grant; null for the dataset's managers, who read identifiable records without one
 */
public record ReadGrant(ResultType resultType, DatasetGrant grant) {

    public static ReadGrant of(DatasetGrant grant) {
        return new ReadGrant(grant.resultType(), grant);
    }

    public static ReadGrant managers() {
        return new ReadGrant(ResultType.IDENTIFIABLE, null);
    }
}
