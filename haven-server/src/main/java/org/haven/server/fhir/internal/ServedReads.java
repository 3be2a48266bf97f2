package org.haven.server.fhir.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.haven.authz.SubjectRef;
import org.haven.privacy.KeyRing;
import org.haven.schema.Schema;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.springframework.stereotype.Component;

/**
 * The one path every read of the serving tables takes: decide the caller's view of the source's dataset, check the
 * search it asks for, and write one audit event however it ends (refused, nothing found, records returned). The
 * event names the filters used, never their values: a searched name is personal data.
 */
@Component
class ServedReads {

    /** Names the result type of every answer, as downloads do. */
    static final String RESULT_TYPE_HEADER = "Haven-Result-Type";

    /** Shapes kept at most; past it they are made again, so memory stays bounded however many grants there are. */
    private static final int MAX_SHAPES = 1_000;

    private final ServedViews views;
    private final KeyRing keys;
    private final AuditTrail audit;
    /**
     * Each view's shape, made once: a pseudonymised one resolves the grant's policy against the schema and binds its
     * treatments to keys, which cost more than shaping the rows. A view names its grant and when it was granted, so
     * a grant given again (with another policy, say) makes a new shape.
     */
    private final Map<String, RecordShape> shapes = new ConcurrentHashMap<>();

    ServedReads(ServedViews views, KeyRing keys, AuditTrail audit) {
        this.views = views;
        this.keys = keys;
        this.audit = audit;
    }

    /**
     * Opens a read of the source's records of one dataset for the current caller, or records the refusal and throws.
     *
     * @param parameterFields the search parameters the caller used, each with the dataset fields it matches on
     */
    Read open(String action, UUID sourceId, String datasetName, Schema schema, UUID projectId,
            Map<String, List<String>> parameterFields) {
        SubjectRef subject = CurrentPrincipal.require().subject();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("source_id", sourceId.toString());
        if (!parameterFields.isEmpty()) {
            details.put("filters", String.join(",", parameterFields.keySet()));
        }
        ServedView view;
        try {
            view = views.of(subject, sourceId, datasetName, projectId);
        } catch (HavenException refused) {
            throw denied(action, new AuditResource("fhir_source", sourceId.toString()), details, refused);
        }
        view.describe(details);
        AuditResource dataset = new AuditResource("dataset", view.datasetId().toString());
        RecordShape shape = shape(view, datasetName, schema);
        try {
            shape.requireSearchable(parameterFields);
        } catch (HavenException refused) {
            throw denied(action, dataset, details, refused);
        }
        shape.describe(details);
        return new Read(action, subject, view, shape, dataset, details);
    }

    private RecordShape shape(ServedView view, String datasetName, Schema schema) {
        String key = view.datasetId() + ":" + datasetName + ":" + view.representationKey();
        RecordShape kept = shapes.get(key);
        if (kept != null && kept.usesCurrentKeys(keys)) {
            return kept;
        }
        RecordShape made = view.shape(schema, keys);
        if (shapes.size() >= MAX_SHAPES) {
            shapes.clear();
        }
        shapes.put(key, made);
        return made;
    }

    /** Notes a search parameter the caller gave, with the dataset fields it matches on. */
    static void filter(Map<String, List<String>> used, String parameter, Object value, String... fields) {
        if (value != null) {
            used.put(parameter, List.of(fields));
        }
    }

    private HavenException denied(String action, AuditResource resource, Map<String, String> details,
            HavenException refused) {
        details.put("refused", refused.errorCode().code());
        audit.record(Actors.current(), action, resource, Decision.DENIED, refused.errorCode().code(), details);
        return refused;
    }

    /** One read in progress; {@link #done} records it. */
    final class Read {

        private final String action;
        private final SubjectRef subject;
        private final ServedView view;
        private final RecordShape shape;
        private final AuditResource dataset;
        private final Map<String, String> details;

        private Read(String action, SubjectRef subject, ServedView view, RecordShape shape, AuditResource dataset,
                Map<String, String> details) {
            this.action = action;
            this.subject = subject;
            this.view = view;
            this.shape = shape;
            this.dataset = dataset;
            this.details = details;
        }

        ServedView view() {
            return view;
        }

        RecordShape shape() {
            return shape;
        }

        /** The start of every answer: the source read and the result type it was read as. */
        Map<String, Object> answer() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("source_id", details.get("source_id"));
            body.put("result_type", view.resultType().name());
            return body;
        }

        /** Who reads, as cursors bind it. */
        String subject() {
            return subject.toString();
        }

        /** Records the read as succeeded with the number of records it returned. */
        void done(int count, Map<String, String> more) {
            details.put("count", Integer.toString(count));
            details.putAll(more);
            audit.record(Actors.current(), action, dataset, Decision.SUCCEEDED, null, details);
        }
    }
}
