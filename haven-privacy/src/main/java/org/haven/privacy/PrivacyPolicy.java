package org.haven.privacy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.haven.privacy.PolicyProblem.Code;
import org.haven.privacy.internal.PolicyDocuments;
import org.haven.privacy.internal.Treatments;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;

/**
 * Which treatment each field gets: a default per identifier type (DIRECT tokenise, INDIRECT keep, NON_ID keep unless
 * the policy says otherwise) and overrides per field name (matched ignoring case). Immutable. Written as JSON or YAML
 * (see {@link #parse(String)}); the same policy always has the same {@link #hash()}.
 */
public final class PrivacyPolicy {

    private static final Map<IdentifierType, TreatmentSpec> BUILT_IN_DEFAULTS = Map.of(
            IdentifierType.DIRECT, TreatmentSpec.of(TreatmentKind.TOKENISE),
            IdentifierType.INDIRECT, TreatmentSpec.of(TreatmentKind.KEEP),
            IdentifierType.NON_ID, TreatmentSpec.of(TreatmentKind.KEEP));

    private static final PrivacyPolicy STANDARD = new PrivacyPolicy(Map.of(), Map.of());

    private final Map<IdentifierType, TreatmentSpec> defaults;
    private final Map<String, TreatmentSpec> fields;
    /** Made on first use and kept: the policy is immutable, and a pseudonymised read names it in every audit event. */
    private volatile String hash;

    private PrivacyPolicy(Map<IdentifierType, TreatmentSpec> defaults, Map<String, TreatmentSpec> fields) {
        EnumMap<IdentifierType, TreatmentSpec> all = new EnumMap<>(BUILT_IN_DEFAULTS);
        all.putAll(defaults);
        this.defaults = Collections.unmodifiableMap(all);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** DIRECT fields tokenised, everything else kept. */
    public static PrivacyPolicy standard() {
        return STANDARD;
    }

    public static PrivacyPolicy of(Map<IdentifierType, TreatmentSpec> defaults, Map<String, TreatmentSpec> fields) {
        return new PrivacyPolicy(Objects.requireNonNull(defaults, "defaults"), Objects.requireNonNull(fields,
                "fields"));
    }

    /** A policy document, JSON (starting with {@code {}) or YAML. Refusals are {@link PolicyException}s. */
    public static PrivacyPolicy parse(String document) {
        return PolicyDocuments.parse(document);
    }

    public PrivacyPolicy withDefault(IdentifierType type, TreatmentSpec spec) {
        Map<IdentifierType, TreatmentSpec> next = new EnumMap<>(defaults);
        next.put(type, spec);
        return new PrivacyPolicy(next, fields);
    }

    public PrivacyPolicy withField(String field, TreatmentSpec spec) {
        Map<String, TreatmentSpec> next = new LinkedHashMap<>(fields);
        next.put(field, spec);
        return new PrivacyPolicy(defaults, next);
    }

    public Map<IdentifierType, TreatmentSpec> defaults() {
        return defaults;
    }

    public Map<String, TreatmentSpec> fields() {
        return fields;
    }

    /** The spec a field gets: its override, else its identifier type's default. */
    public TreatmentSpec specFor(Field field) {
        return override(field.name()).orElse(defaults.get(field.identifierType()));
    }

    /**
     * Checks the policy against an input schema: every named field exists, every treatment fits its field's data type
     * and has valid parameters. All problems are reported together, each naming its field.
     */
    public ResolvedPolicy resolve(Schema input) {
        List<PolicyProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : fields.keySet()) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.add(new PolicyProblem(name, Code.INVALID_DOCUMENT,
                        "another entry names the same field, ignoring case"));
            } else if (input.field(name).isEmpty()) {
                problems.add(new PolicyProblem(name, Code.UNKNOWN_FIELD, "the schema has no such field"));
            }
        }
        List<FieldPlan> plans = new ArrayList<>();
        List<Field> outputs = new ArrayList<>();
        for (Field field : input.fields()) {
            TreatmentSpec spec = specFor(field);
            Treatment treatment = Treatments.create(field, spec, problems);
            if (treatment != null) {
                plans.add(new FieldPlan(field, treatment));
                treatment.outputField().ifPresent(outputs::add);
            }
        }
        if (problems.isEmpty() && outputs.isEmpty()) {
            problems.add(new PolicyProblem(null, Code.INVALID_DOCUMENT, "the policy drops every field"));
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new ResolvedPolicy(this, input, plans, new Schema(outputs));
    }

    /** The de-identified schema of an input schema; see {@link #resolve(Schema)}. */
    public Schema apply(Schema input) {
        return resolve(input).output();
    }

    /** {@code sha256:} and the hex SHA-256 of the canonical JSON (keys sorted, no spaces). */
    public String hash() {
        String made = hash;
        if (made == null) {
            made = PolicyDocuments.hash(this);
            hash = made;
        }
        return made;
    }

    public String toJson() {
        return PolicyDocuments.toJson(this);
    }

    public String toYaml() {
        return PolicyDocuments.toYaml(this);
    }

    private Optional<TreatmentSpec> override(String name) {
        TreatmentSpec exact = fields.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, TreatmentSpec> entry : fields.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrivacyPolicy that && defaults.equals(that.defaults) && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaults, fields);
    }

    @Override
    public String toString() {
        return "PrivacyPolicy[" + hash() + "]";
    }
}
