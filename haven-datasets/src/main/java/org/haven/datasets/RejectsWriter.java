package org.haven.datasets;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.haven.datasets.internal.JsonText;
import org.haven.formats.Record;
import org.haven.schema.FieldError;

/**
 * Writes quarantined rows as NDJSON, one object per rejected record, so that someone can fix and resend them:
 *
 * <pre>{@code
 * {"record":12,"line":13,"errors":[{"field":"dob","kind":"NOT_A_DATE"}],"values":{"nhs_number":"9434765919","dob":"31/02/1980"}}
 * }</pre>
 *
 * {@code values} are the raw input values, by input column name and in input order ({@code null} where the input
 * had none). They may identify people: the rejects object is as sensitive as the upload and is stored beside it,
 * never logged. NDJSON rather than CSV because the error list is nested and a row's columns may not match the
 * schema. Not thread-safe; closing the writer closes the stream.
 */
public final class RejectsWriter implements AutoCloseable {

    private final Writer out;
    private final StringBuilder line = new StringBuilder(512);
    private long count;

    public RejectsWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(Objects.requireNonNull(out, "out"),
                StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Quarantines a record as read, with the errors its validation found. */
    public void reject(Record record, List<FieldError> errors) throws IOException {
        reject(record.number(), record.line(), record.toMap(), errors);
    }

    /**
     * Quarantines a row.
     *
     * @param recordNumber the 1-based record number in the input
     * @param inputLine the 1-based line the record starts on (0 when the format has no lines)
     * @param rawValues input column name to raw value, in input order
     */
    public void reject(long recordNumber, long inputLine, Map<String, String> rawValues, List<FieldError> errors)
            throws IOException {
        line.setLength(0);
        line.append("{\"record\":").append(recordNumber).append(",\"line\":").append(inputLine).append(",\"errors\":[");
        for (int i = 0; i < errors.size(); i++) {
            FieldError error = errors.get(i);
            line.append(i == 0 ? "{\"field\":" : ",{\"field\":");
            JsonText.appendString(line, error.fieldName());
            line.append(",\"kind\":\"").append(error.kind().name()).append("\"}");
        }
        line.append("],\"values\":{");
        boolean first = true;
        for (Map.Entry<String, String> value : rawValues.entrySet()) {
            if (!first) {
                line.append(',');
            }
            first = false;
            JsonText.appendString(line, value.getKey());
            line.append(':');
            JsonText.appendString(line, value.getValue());
        }
        line.append("}}\n");
        out.append(line);
        count++;
    }

    /** Rows rejected so far. */
    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
