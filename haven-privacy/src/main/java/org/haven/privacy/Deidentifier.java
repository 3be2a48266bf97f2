package org.haven.privacy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

import org.haven.schema.Field;
import org.haven.schema.FieldValues;
import org.haven.schema.Schema;

/**
 * Turns records of an input schema (typed values as {@link org.haven.schema.RecordValidator} produces them, keyed by
 * field name) into records of the de-identified schema. Keys are fetched once, when it is built; it is thread-safe,
 * so one instance serves a whole run on any number of threads. A value a treatment cannot handle becomes null and
 * is counted; only a failing key stops a run.
 */
public final class Deidentifier {

    private static final SuppressionReason[] REASONS = SuppressionReason.values();

    private final ResolvedPolicy resolved;
    private final KeyScope scope;
    private final List<KeysetInfo> keysets;
    private final String[] inputNames;
    /** Each input field's position among the output's fields; -1 for a dropped field. */
    private final int[] outputPositions;
    private final FieldValues.Names outputFieldNames;
    private final FieldTransform[] transforms;
    private final Set<String> known;
    private final LongAdder records = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder[] treated;
    private final LongAdder[] nulls;
    private final LongAdder[][] suppressed;

    private Deidentifier(ResolvedPolicy resolved, ScopedKeys keys) {
        this.resolved = resolved;
        this.scope = keys.scope();
        List<FieldPlan> plans = resolved.plans();
        int n = plans.size();
        inputNames = new String[n];
        transforms = new FieldTransform[n];
        treated = new LongAdder[n];
        nulls = new LongAdder[n];
        suppressed = new LongAdder[n][REASONS.length];
        known = new HashSet<>();
        outputPositions = new int[n];
        List<String> kept = new ArrayList<>(n);
        Set<KeyPurpose> purposes = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            FieldPlan plan = plans.get(i);
            inputNames[i] = plan.input().name();
            known.add(inputNames[i]);
            Optional<Field> output = plan.treatment().outputField();
            outputPositions[i] = output.isEmpty() ? -1 : kept.size();
            output.ifPresent(field -> kept.add(field.name()));
            transforms[i] = plan.treatment().bind(keys);
            purposes.addAll(plan.treatment().keyPurposes());
            treated[i] = new LongAdder();
            nulls[i] = new LongAdder();
            for (int r = 0; r < REASONS.length; r++) {
                suppressed[i][r] = new LongAdder();
            }
        }
        List<KeysetInfo> used = new ArrayList<>();
        for (KeyPurpose purpose : purposes) {
            used.add(keys.info(purpose));
        }
        keysets = List.copyOf(used);
        outputFieldNames = FieldValues.Names.of(kept);
    }

    /**
     * @throws PolicyException when the policy does not fit the schema (nothing is created then)
     * @throws KeyException when a keyset cannot be created or unwrapped
     */
    public static Deidentifier of(Schema input, PrivacyPolicy policy, KeyRing keys, KeyScope scope) {
        Objects.requireNonNull(keys, "keys");
        ResolvedPolicy resolved = policy.resolve(input);
        return new Deidentifier(resolved, keys.forScope(scope));
    }

    public ResolvedPolicy resolved() {
        return resolved;
    }

    /**
     * The fields kept as they are (same name, data type and values), which a caller may copy without passing them
     * through {@link #apply}: {@code apply} given only the other fields returns their outputs.
     */
    public Set<String> unchangedFields() {
        return resolved.plans().stream()
                .filter(plan -> plan.treatment().kind() == TreatmentKind.KEEP)
                .map(plan -> plan.input().name())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The keysets the policy uses (ids and versions, no keys), as {@link #summary()} names them. */
    public List<KeysetInfo> keysets() {
        return keysets;
    }

    public Schema outputSchema() {
        return resolved.output();
    }

    /**
     * The de-identified record: output field name to typed value, every output field present, in the output schema's
     * order (absent or suppressed values are null).
     */
    public Map<String, Object> apply(Map<String, ?> record) {
        FieldValues.Builder output = FieldValues.builder(outputFieldNames);
        int found = 0;
        for (int i = 0; i < inputNames.length; i++) {
            Object value = record.get(inputNames[i]);
            if (value != null) {
                found++;
            }
            if (outputPositions[i] < 0) {
                continue;
            }
            Object result = null;
            if (value == null) {
                nulls[i].increment();
            } else {
                result = transforms[i].apply(value);
                if (result instanceof SuppressionReason reason) {
                    suppressed[i][reason.ordinal()].increment();
                    result = null;
                } else {
                    treated[i].increment();
                }
            }
            output.set(outputPositions[i], result);
        }
        if (record.size() != found) {
            countUnknown(record);
        }
        records.increment();
        return output.build();
    }

    private void countUnknown(Map<String, ?> record) {
        for (String name : record.keySet()) {
            if (!known.contains(name)) {
                unknown.increment();
            }
        }
    }

    /** The counts so far; call it after the run for the lineage record. */
    public DeidentificationSummary summary() {
        Map<String, FieldCounts> fields = new LinkedHashMap<>();
        List<FieldPlan> plans = resolved.plans();
        for (int i = 0; i < plans.size(); i++) {
            Map<SuppressionReason, Long> reasons = new EnumMap<>(SuppressionReason.class);
            for (int r = 0; r < REASONS.length; r++) {
                long count = suppressed[i][r].sum();
                if (count > 0) {
                    reasons.put(REASONS[r], count);
                }
            }
            fields.put(inputNames[i], new FieldCounts(plans.get(i).treatment().kind(), treated[i].sum(),
                    nulls[i].sum(), reasons));
        }
        return new DeidentificationSummary(resolved.policy().hash(), scope, keysets, records.sum(), unknown.sum(),
                fields);
    }

    @Override
    public String toString() {
        return "Deidentifier[" + scope + ", " + resolved.policy().hash() + "]";
    }
}
