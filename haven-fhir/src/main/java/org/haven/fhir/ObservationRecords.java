package org.haven.fhir;

import java.util.List;

import org.haven.fhir.internal.R4Resources;
import org.haven.fhir.internal.RecordBuilder;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Flattens a FHIR R4 Observation into one record of the {@code observation} dataset: the first coding of its code,
 * and a quantity value with its unit, a coded value or a textual one. Codes are taken as sent, whatever their system:
 * Haven is no terminology server, and an unfamiliar code is still data. A status outside FHIR's value set is another
 * matter, since it says whether the result may be used at all: such an Observation is rejected.
 */
public final class ObservationRecords {

    /** FHIR R4 ObservationStatus codes. */
    public static final List<String> STATUSES = List.of("registered", "preliminary", "final", "amended",
            "corrected", "cancelled", "entered-in-error", "unknown");

    /** Fixed schema of the {@code observation} dataset. */
    public static final Schema SCHEMA = Schema.of(
            Field.of("observation_id", DataType.STRING, IdentifierType.NON_ID).withRequired(true),
            // Same treatment as patient.patient_id, so the datasets stay joinable after de-identification.
            Field.of("patient_id", DataType.STRING, IdentifierType.INDIRECT).withRequired(true),
            Field.code("status", IdentifierType.NON_ID, STATUSES).withRequired(true),
            Field.of("code_system", DataType.STRING, IdentifierType.NON_ID),
            Field.of("code", DataType.STRING, IdentifierType.NON_ID),
            Field.of("code_display", DataType.STRING, IdentifierType.NON_ID),
            Field.of("value_quantity", DataType.DECIMAL, IdentifierType.NON_ID),
            Field.of("value_unit", DataType.STRING, IdentifierType.NON_ID),
            Field.of("value_code", DataType.STRING, IdentifierType.NON_ID),
            Field.of("value_string", DataType.STRING, IdentifierType.NON_ID),
            // When a person was seen is a quasi-identifier (someone who knows of the visit can find the record),
            // so the clinical dates are INDIRECT; a date-only effective time has no time-of-day column value.
            Field.of("effective_date", DataType.DATE, IdentifierType.INDIRECT),
            Field.of("effective_date_time", DataType.DATETIME, IdentifierType.INDIRECT),
            Field.of("issued", DataType.DATETIME, IdentifierType.INDIRECT),
            Field.of("version_id", DataType.STRING, IdentifierType.NON_ID),
            Field.of("last_updated", DataType.DATETIME, IdentifierType.NON_ID));

    private static final RecordValidator VALIDATOR = RecordValidator.of(SCHEMA);

    private ObservationRecords() {
    }

    public static Flattened flatten(String json) {
        R4Resources.Parsed<Observation> parsed = R4Resources.parse(json, Observation.class);
        Observation observation = parsed.resource();
        if (observation == null) {
            return new Flattened.Rejected(null, String.join("; ", parsed.problems()));
        }
        String id = observation.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            return new Flattened.Rejected(null, "the Observation has no id");
        }
        if (!parsed.problems().isEmpty()) {
            return new Flattened.Rejected(id, String.join("; ", parsed.problems()));
        }
        String subject = observation.getSubject().getReferenceElement().getResourceType();
        String patientId = observation.getSubject().getReferenceElement().getIdPart();
        if (!"Patient".equals(subject) || patientId == null || patientId.isBlank()) {
            return new Flattened.Rejected(id, "the Observation has no Patient subject");
        }
        if (!observation.hasStatus()) {
            return new Flattened.Rejected(id, "the Observation has no status");
        }
        RecordBuilder record = new RecordBuilder().put("observation_id", id).put("patient_id", patientId)
                .put("status", observation.getStatus().toCode());
        Coding coding = firstCoding(observation.getCode());
        if (coding != null) {
            record.put("code_system", coding.getSystem()).put("code", coding.getCode())
                    .put("code_display", coding.getDisplay());
        }
        putValue(record, observation.getValue());
        putEffective(record, observation);
        record.put("issued", observation.getIssuedElement().getValueAsString());
        record.put("version_id", observation.getMeta().getVersionId());
        record.put("last_updated", observation.getMeta().getLastUpdatedElement().getValueAsString());
        return record.build(VALIDATOR, id);
    }

    private static void putValue(RecordBuilder record, Type value) {
        if (value instanceof Quantity quantity) {
            if (quantity.hasValue()) {
                record.put("value_quantity", quantity.getValue().toPlainString());
            }
            record.put("value_unit", quantity.hasCode() ? quantity.getCode() : quantity.getUnit());
        } else if (value instanceof CodeableConcept concept) {
            Coding coding = firstCoding(concept);
            record.put("value_code", coding == null ? null : coding.getCode());
            record.put("value_string", concept.getText());
        } else if (value != null && value.isPrimitive()) {
            record.put("value_string", value.primitiveValue());
        }
    }

    private static void putEffective(RecordBuilder record, Observation observation) {
        BaseDateTimeType effective = null;
        if (observation.hasEffectiveDateTimeType()) {
            effective = observation.getEffectiveDateTimeType();
        } else if (observation.hasEffectiveInstantType()) {
            effective = observation.getEffectiveInstantType();
        } else if (observation.hasEffectivePeriod()) {
            effective = observation.getEffectivePeriod().getStartElement();
        }
        if (effective == null || effective.isEmpty()) {
            return;
        }
        String text = effective.getValueAsString();
        TemporalPrecisionEnum precision = effective.getPrecision();
        if (precision.ordinal() >= TemporalPrecisionEnum.DAY.ordinal()) {
            record.put("effective_date", text.substring(0, 10));
        }
        if (precision.ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
            record.put("effective_date_time", text);
        }
    }

    private static Coding firstCoding(CodeableConcept concept) {
        return concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep();
    }
}
