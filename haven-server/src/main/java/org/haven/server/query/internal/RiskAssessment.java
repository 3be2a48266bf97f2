package org.haven.server.query.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.VersionRecords;
import org.haven.privacy.Hierarchies;
import org.haven.privacy.KAnonymity;
import org.haven.privacy.KAnonymityReport;
import org.haven.privacy.QuasiIdentifier;
import org.haven.schema.Field;

/**
 * A version's re-identification risk over chosen quasi-identifiers, and the least generalisation (over each field's
 * default hierarchy: dates to month, quarter, year; postcodes to district, area; integers to bands) that reaches a
 * target k with suppression under a cap. The quasi-identifier values of every record are held in memory as text
 * while the search runs: a few fields of a few million records.
 */
final class RiskAssessment {

    private RiskAssessment() {}

    static KAnonymityReport assess(DuckDbSession session, Path version, DatasetManifest manifest,
            List<Field> quasiIdentifiers, int targetK, double maxSuppressedFraction) {
        List<String[]> rows = new ArrayList<>();
        try (VersionRecords records = VersionRecords.open(session, version, manifest)) {
            for (Optional<Map<String, Object>> next = records.next(); next.isPresent(); next = records.next()) {
                String[] row = new String[quasiIdentifiers.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = text(next.get().get(quasiIdentifiers.get(i).name()));
                }
                rows.add(row);
            }
        }
        List<QuasiIdentifier> hierarchies = quasiIdentifiers.stream()
                .map(field -> new QuasiIdentifier(field.name(), Hierarchies.defaultFor(field.dataType()))).toList();
        return KAnonymity.search(hierarchies, rows, targetK, maxSuppressedFraction);
    }

    /** The text the hierarchies read: ISO dates, plain decimals; a missing value is "", a class of its own. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
