package org.haven.server.query.internal;

import org.haven.server.sharing.DatasetGrant;
import org.haven.server.sharing.ResultType;

/**
 * How one read of records is shaped: the result type, and for a pseudonymised read the grant whose project scopes
 * the tokens and whose policy (or the standard one) says what each field becomes.
 *
 * @param grant null for an identifiable read by the dataset's managers, who need no grant
 */
record RecordView(ResultType resultType, DatasetGrant grant) {

    static RecordView identifiable(DatasetGrant grant) {
        return new RecordView(ResultType.IDENTIFIABLE, grant);
    }

    static RecordView pseudonymised(DatasetGrant grant) {
        return new RecordView(ResultType.PSEUDONYMISED, grant);
    }
}
