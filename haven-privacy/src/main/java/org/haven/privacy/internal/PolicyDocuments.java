package org.haven.privacy.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.haven.privacy.PolicyException;
import org.haven.privacy.PolicyProblem;
import org.haven.privacy.PolicyProblem.Code;
import org.haven.privacy.PrivacyPolicy;
import org.haven.privacy.TreatmentKind;
import org.haven.privacy.TreatmentSpec;
import org.haven.schema.IdentifierType;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy document:
 *
 * <pre>{@code
 * version: 1
 * defaults:                      # optional; per identifier type
 *   INDIRECT: {treatment: generalise}
 * fields:                        # optional; per field name
 *   nhs_number: tokenise         # a bare name when there are no parameters
 *   date_of_birth: {treatment: generalise, to: age_band, width: 10, top: 90, reference: "2026-01-01"}
 * }</pre>
 *
 * JSON has the same shape. Unknown keys and treatments are refused; parameters are checked against the schema later.
 */
public final class PolicyDocuments {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final Set<String> TOP_LEVEL = Set.of("version", "defaults", "fields");

    private PolicyDocuments() {
    }

    public static PrivacyPolicy parse(String document) {
        if (document == null || document.isBlank()) {
            throw PolicyException.of(null, Code.INVALID_DOCUMENT, "the policy document is empty");
        }
        Object root;
        if (document.stripLeading().startsWith("{")) {
            try {
                root = JSON.readValue(document, Object.class);
            } catch (JacksonException e) {
                var location = e.getLocation();
                throw PolicyException.of(null, Code.INVALID_DOCUMENT, "not valid JSON" + (location == null ? ""
                        : " at line " + location.getLineNr() + ", column " + location.getColumnNr()));
            }
        } else {
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                options.setMaxAliasesForCollections(10);
                root = new Yaml(new SafeConstructor(options)).load(document);
            } catch (YAMLException e) {
                throw PolicyException.of(null, Code.INVALID_DOCUMENT, "not valid YAML or JSON");
            }
        }
        return fromMap(root);
    }

    private static PrivacyPolicy fromMap(Object root) {
        List<PolicyProblem> problems = new ArrayList<>();
        if (!(root instanceof Map<?, ?> map)) {
            throw PolicyException.of(null, Code.INVALID_DOCUMENT, "a policy is an object with 'defaults' and 'fields'");
        }
        for (Object key : map.keySet()) {
            if (!TOP_LEVEL.contains(String.valueOf(key))) {
                problems.add(new PolicyProblem(null, Code.INVALID_DOCUMENT, "unknown key '" + key + "'"));
            }
        }
        Object version = map.get("version");
        if (version != null && !(version instanceof Number number && number.intValue() == 1
                && new BigDecimal(number.toString()).compareTo(BigDecimal.ONE) == 0)) {
            problems.add(new PolicyProblem(null, Code.INVALID_DOCUMENT, "'version' must be 1"));
        }
        Map<IdentifierType, TreatmentSpec> defaults = new EnumMap<>(IdentifierType.class);
        for (Map.Entry<String, Object> entry : section(map, "defaults", problems).entrySet()) {
            IdentifierType type;
            try {
                type = IdentifierType.valueOf(entry.getKey());
            } catch (IllegalArgumentException e) {
                problems.add(new PolicyProblem(null, Code.INVALID_DOCUMENT, "defaults: '" + entry.getKey()
                        + "' is not DIRECT, INDIRECT or NON_ID"));
                continue;
            }
            TreatmentSpec spec = spec("default for " + type, entry.getValue(), problems);
            if (spec != null) {
                defaults.put(type, spec);
            }
        }
        Map<String, TreatmentSpec> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : section(map, "fields", problems).entrySet()) {
            TreatmentSpec spec = spec(entry.getKey(), entry.getValue(), problems);
            if (spec != null) {
                fields.put(entry.getKey(), spec);
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return PrivacyPolicy.of(defaults, fields);
    }

    private static Map<String, Object> section(Map<?, ?> root, String name, List<PolicyProblem> problems) {
        Object section = root.get(name);
        Map<String, Object> result = new LinkedHashMap<>();
        if (section == null) {
            return result;
        }
        if (!(section instanceof Map<?, ?> map)) {
            problems.add(new PolicyProblem(null, Code.INVALID_DOCUMENT, "'" + name + "' must be an object"));
            return result;
        }
        map.forEach((key, value) -> result.put(String.valueOf(key), value));
        return result;
    }

    private static TreatmentSpec spec(String field, Object value, List<PolicyProblem> problems) {
        Map<String, Object> parameters = new TreeMap<>();
        String name;
        if (value instanceof String text) {
            name = text;
        } else if (value instanceof Map<?, ?> map && map.get("treatment") instanceof String text) {
            name = text;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!"treatment".equals(entry.getKey())) {
                    parameters.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
                }
            }
        } else {
            problems.add(new PolicyProblem(field, Code.INVALID_DOCUMENT,
                    "a treatment is a name or an object with 'treatment' and its parameters"));
            return null;
        }
        return TreatmentKind.fromWireName(name)
                .map(kind -> TreatmentSpec.of(kind, parameters))
                .orElseGet(() -> {
                    problems.add(new PolicyProblem(field, Code.UNKNOWN_TREATMENT, "'" + name + "' is not one of keep, "
                            + "drop, tokenise, pseudonymise, encrypt, generalise, mask"));
                    return null;
                });
    }

    /** YAML turns an unquoted date into {@link java.util.Date}; parameters keep the ISO text instead. */
    private static Object plain(Object value) {
        if (value instanceof java.util.Date date) {
            return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC).toString();
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        return value;
    }

    static Map<String, Object> toMap(PrivacyPolicy policy) {
        Map<String, Object> root = new TreeMap<>();
        root.put("version", 1);
        Map<String, Object> defaults = new TreeMap<>();
        policy.defaults().forEach((type, spec) -> defaults.put(type.name(), specMap(spec)));
        root.put("defaults", defaults);
        Map<String, Object> fields = new TreeMap<>();
        policy.fields().forEach((name, spec) -> fields.put(name, specMap(spec)));
        root.put("fields", fields);
        return root;
    }

    private static Map<String, Object> specMap(TreatmentSpec spec) {
        Map<String, Object> map = new TreeMap<>(spec.parameters());
        map.put("treatment", spec.kind().wireName());
        return map;
    }

    public static String toJson(PrivacyPolicy policy) {
        return JSON.writeValueAsString(toMap(policy));
    }

    public static String toYaml(PrivacyPolicy policy) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(toMap(policy));
    }

    public static String hash(PrivacyPolicy policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(toJson(policy).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
