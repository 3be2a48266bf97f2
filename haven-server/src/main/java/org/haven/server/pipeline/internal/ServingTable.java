package org.haven.server.pipeline.internal;

import java.util.List;
import org.haven.fhir.ObservationRecords;
import org.haven.fhir.PatientRecords;
import org.haven.schema.Field;
import org.haven.schema.Schema;

/**
 * A FHIR serving table (migration V12) and the record columns loaded into it. The names are constants, so the SQL
 * built from them holds no value that came from data; the values themselves travel through COPY. The columns are
 * listed here rather than taken from the library's schema: a field the library adds is served only once a
 * migration gives it a column.
 *
 * @param table the serving table, keyed by (tenant_id, source_id, {@code idColumn})
 * @param idColumn the resource's logical id on its server
 * @param columns the record's columns, {@code idColumn} first, all in the library's schema
 * @param schema the schema of the staged Parquet
 */
record ServingTable(String table, String idColumn, List<String> columns, Schema schema) {

    static final ServingTable PATIENTS = new ServingTable("fhir_patients", "patient_id", List.of("patient_id",
            "identifier_system", "identifier_value", "family_name", "given_names", "birth_date", "gender",
            "address_lines", "city", "postal_code", "phone", "email", "version_id", "last_updated"),
            PatientRecords.SCHEMA);

    static final ServingTable OBSERVATIONS = new ServingTable("fhir_observations", "observation_id",
            List.of("observation_id", "patient_id", "status", "code_system", "code", "code_display", "value_quantity",
                    "value_unit", "value_code", "value_string", "effective_date", "effective_date_time", "issued",
                    "version_id", "last_updated"),
            ObservationRecords.SCHEMA);

    ServingTable {
        columns = List.copyOf(columns);
        if (!columns.get(0).equals(idColumn)) {
            throw new IllegalArgumentException("the id column comes first");
        }
        List<String> fields = schema.fields().stream().map(Field::name).toList();
        if (!fields.containsAll(columns)) {
            throw new IllegalArgumentException(table + " has columns outside the schema");
        }
    }

    /** The temporary table a load copies into; dropped at the end of the load's transaction. */
    String stagingTable() {
        return "staged_" + table;
    }
}
