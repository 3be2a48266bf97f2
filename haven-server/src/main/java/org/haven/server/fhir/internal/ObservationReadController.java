package org.haven.server.fhir.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.fhir.ObservationRecords;
import org.haven.server.errors.FieldErrors;
import org.haven.server.web.AuthorizesOnData;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Served Observations of one source, by patient and/or code and effective time, a page at a time in effective time
 * order; shaped and audited like patients, on the tenant's {@code observation} dataset.
 */
@RestController
class ObservationReadController {

    private static final String LIST = "observation.list";

    private final ServedReads reads;
    private final ServedObservations observations;
    private final PageCursors cursors;

    ObservationReadController(ServedReads reads, ServedObservations observations, PageCursors cursors) {
        this.reads = reads;
        this.observations = observations;
        this.cursors = cursors;
    }

    @GetMapping("/api/v1/observations")
    @AuthorizesOnData(value = "read_pseudonymised on the observation dataset of the source's tenant, checked in ServedViews",
            auditsItsDecision = true)
    ResponseEntity<Map<String, Object>> list(@RequestParam(required = false) String source,
            @RequestParam(name = "patient_id", required = false) String patientId,
            @RequestParam(required = false) String code, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String project,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        FieldErrors errors = new FieldErrors();
        UUID sourceId = ReadParameters.uuid(source, "source", true, errors);
        String patient = ReadParameters.logicalId(patientId, "patient_id", false, errors);
        ReadParameters.Coding coding = ReadParameters.coding(code, errors);
        ReadParameters.TimeBound fromBound = ReadParameters.timeBound(from, "from", errors);
        ReadParameters.TimeBound toBound = ReadParameters.timeBound(to, "to", errors);
        UUID projectId = ReadParameters.uuid(project, "project", false, errors);
        int pageSize = ReadParameters.limit(limit, errors);
        if (patientId == null && code == null) {
            // Listing every observation of a source is an export; the dataset's downloads are for that.
            errors.add("patient_id", "patient_id or code is required");
        }
        if (fromBound != null && toBound != null && !fromBound.start().isBefore(toBound.endExclusive())) {
            errors.add("to", "must not be before from");
        }
        errors.check("request");

        ServedObservations.Filter filter = new ServedObservations.Filter(patient,
                coding == null ? null : coding.system(), coding == null ? null : coding.code(),
                fromBound == null ? null : fromBound.start(), toBound == null ? null : toBound.endExclusive());
        Map<String, List<String>> used = new LinkedHashMap<>();
        ServedReads.filter(used, "patient_id", filter.patientId(), "patient_id");
        ServedReads.filter(used, "code", coding, "code_system", "code");
        ServedReads.filter(used, "from", fromBound, "effective_date", "effective_date_time");
        ServedReads.filter(used, "to", toBound, "effective_date", "effective_date_time");
        ServedReads.Read read = reads.open(LIST, sourceId, "observation", ObservationRecords.SCHEMA, projectId, used);

        List<String> bound = new ArrayList<>(List.of(String.valueOf(projectId), String.valueOf(filter.patientId()),
                String.valueOf(filter.codeSystem()), String.valueOf(filter.code()), String.valueOf(filter.from()),
                String.valueOf(filter.toExclusive())));
        PageCursors.Binding binding = new PageCursors.Binding(read.view().tenantId(), "observations", sourceId,
                read.subject(), bound);
        FieldErrors cursorErrors = new FieldErrors();
        ServedObservations.After after = after(cursors.open(binding, cursor, cursorErrors), cursorErrors);
        cursorErrors.check("request");

        List<ServedRow> rows = observations.list(read.view().tenantId(), sourceId, filter, after, pageSize + 1);
        ServedPage page = ServedPage.of(rows, pageSize, last -> cursors.seal(binding, position(last)), read.shape());
        read.done(page.items().size(), Map.of());
        Map<String, Object> body = read.answer();
        page.writeTo(body);
        return ResponseEntity.ok().header(ServedReads.RESULT_TYPE_HEADER, read.view().resultType().name()).body(body);
    }

    private static List<String> position(ServedRow last) {
        OffsetDateTime at = ServedObservations.effectiveAt(last);
        return List.of(at == null ? "" : at.toString(), (String) last.record().get("observation_id"));
    }

    private static ServedObservations.After after(List<String> position, FieldErrors errors) {
        if (position == null) {
            return null;
        }
        try {
            if (position.size() == 2) {
                String at = position.get(0);
                return new ServedObservations.After(at.isEmpty() ? null : OffsetDateTime.parse(at), position.get(1));
            }
        } catch (DateTimeParseException e) {
            // reported below: a cursor we sealed always parses, so this one was not ours
        }
        errors.add("cursor", "is not one this search issued");
        return null;
    }
}
