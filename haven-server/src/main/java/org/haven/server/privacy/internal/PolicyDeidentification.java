package org.haven.server.privacy.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.privacy.DeidentificationSummary;
import org.haven.privacy.Deidentifier;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetInfo;
import org.haven.privacy.PolicyException;
import org.haven.privacy.PrivacyPolicy;
import org.haven.schema.Schema;
import org.haven.server.pipeline.Deidentification;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code deidentify} step's engine: the privacy library's {@link Deidentifier} with the tenant's keys of the
 * step's key scope ({@code tenant} unless the step names another), so a pipeline's tokens are stable across its runs
 * and versions (a project reading the result pseudonymised gets tokens of its own scope on top). The policy comes from the pipeline definition as a map.
 */
@Component
class PolicyDeidentification implements Deidentification {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyRing keys;

    PolicyDeidentification(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public List<String> validate(Object policy) {
        try {
            parse(policy);
            return List.of();
        } catch (PolicyException e) {
            return e.problems().stream().map(problem -> "policy: " + problem).toList();
        } catch (IllegalArgumentException e) {
            return List.of("policy: " + e.getMessage());
        }
    }

    @Override
    public Transform open(UUID tenantId, String keyScope, Schema input, Object policy) {
        Deidentifier deidentifier;
        try {
            deidentifier = Deidentifier.of(input, parse(policy), keys, new KeyScope(tenantId.toString(), keyScope));
        } catch (PolicyException e) {
            throw new IllegalArgumentException(e.problems().stream().map(Object::toString)
                    .collect(Collectors.joining("; ")), e);
        }
        DeidentificationSummary summary = deidentifier.summary();
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("policy_hash", summary.policyHash());
        lineage.put("key_scope", summary.scope().scope());
        lineage.put("keysets", summary.keysets().stream().map(KeysetInfo::keysetId).collect(Collectors.joining(",")));
        // The policy itself (never a key): what re-identification needs to know which fields can be reversed.
        lineage.put("policy", deidentifier.resolved().policy().toJson());
        Set<String> unchanged = deidentifier.unchangedFields();
        return new Transform() {
            @Override
            public Schema outputSchema() {
                return deidentifier.outputSchema();
            }

            @Override
            public Map<String, Object> apply(Map<String, Object> values) {
                return deidentifier.apply(values);
            }

            @Override
            public Set<String> unchangedFields() {
                return unchanged;
            }

            @Override
            public Map<String, String> lineage() {
                return lineage;
            }
        };
    }

    /** A policy document given as a map (from YAML or JSON), as text, or absent for the standard policy. */
    private static PrivacyPolicy parse(Object policy) {
        if (policy == null) {
            return PrivacyPolicy.standard();
        }
        if (policy instanceof String document) {
            return PrivacyPolicy.parse(document);
        }
        if (policy instanceof Map<?, ?> map) {
            return PrivacyPolicy.parse(JSON.writeValueAsString(map));
        }
        throw new IllegalArgumentException("must be a policy document: 'defaults' and 'fields'");
    }
}
