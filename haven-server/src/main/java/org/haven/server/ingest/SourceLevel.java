package org.haven.server.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/** What a user or app may do with a data source; each level includes the ones below it. */
public enum SourceLevel {
    ADMIN("admin"),
    WRITER("writer"),
    READER("reader");

    private final String relation;

    SourceLevel(String relation) {
        this.relation = relation;
    }

    /** The relation of {@code data_source} in the authorization schema. */
    public String relation() {
        return relation;
    }

    public static List<String> relations() {
        return Arrays.stream(values()).map(SourceLevel::relation).toList();
    }

    public static SourceLevel parse(String value) {
        String wanted = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(level -> level.relation.equals(wanted)).findFirst()
                .orElseThrow(() -> new HavenException(ErrorCode.VALIDATION_FAILED,
                        "A level is one of " + relations() + ", not '" + value + "'"));
    }
}
