package org.haven.pipelines.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.haven.pipelines.CronTrigger;
import org.haven.pipelines.PathGlob;
import org.haven.pipelines.PipelineDefinition;
import org.haven.pipelines.PipelineDefinitionException;
import org.haven.pipelines.PipelineSettings;
import org.haven.pipelines.PipelineTrigger;
import org.haven.pipelines.RetryPolicy;
import org.haven.pipelines.StepDefinition;
import org.haven.pipelines.StepType;
import org.haven.pipelines.StepTypes;
import org.haven.pipelines.UploadTrigger;

/**
 * Turns definition YAML into a {@link PipelineDefinition}, collecting every problem (with its line) instead of
 * stopping at the first, so an author fixes a file in one round.
 */
public final class DefinitionParser {

    public static final int MAX_YAML_CHARS = 256 * 1024;
    public static final int MAX_STEPS = 200;
    public static final int MAX_CONCURRENCY = 1000;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "triggers", "concurrency", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "type", "needs", "params", "retry", "timeout");
    private static final Set<String> RETRY_KEYS = Set.of("max_attempts", "initial_backoff", "max_backoff");
    private static final Set<String> UPLOAD_KEYS = Set.of("source", "glob");
    private static final Set<String> CRON_KEYS = Set.of("expression", "zone");

    private final StepTypes stepTypes;
    private final PipelineSettings settings;
    private final boolean stored;
    private final List<String> problems = new ArrayList<>();

    public DefinitionParser(StepTypes stepTypes, PipelineSettings settings) {
        this(stepTypes, settings, false);
    }

    /**
     * @param stored true to read a version that was valid when applied: step types this process lacks and timeouts
     *               above today's maximum no longer make it unreadable (its runs stay listable; such a step fails
     *               when it is due)
     */
    DefinitionParser(StepTypes stepTypes, PipelineSettings settings, boolean stored) {
        this.stepTypes = stepTypes;
        this.settings = settings;
        this.stored = stored;
    }

    public PipelineDefinition parse(String yaml) {
        problems.clear();
        if (yaml == null || yaml.isBlank()) {
            throw new PipelineDefinitionException(List.of("the definition is empty"));
        }
        if (yaml.length() > MAX_YAML_CHARS) {
            throw new PipelineDefinitionException(List.of("the definition is longer than " + MAX_YAML_CHARS + " characters"));
        }
        YamlNode root;
        try {
            root = YamlNode.parse(yaml);
        } catch (IllegalArgumentException e) {
            throw new PipelineDefinitionException(List.of(e.getMessage()));
        }
        if (!root.isMap()) {
            throw new PipelineDefinitionException(List.of(at(root, "the definition must be a mapping with name and steps")));
        }
        Map<String, YamlNode> top = root.map();
        unknownKeys(top, TOP_KEYS, "");
        String name = requiredString(top, "name", root, "");
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(at(top.get("name"), "name '" + name + "' must be 1-63 lower-case letters, digits, '-' or '_'"));
        }
        String description = optionalString(top, "description", "");
        int concurrency = concurrency(top.get("concurrency"));
        List<PipelineTrigger> triggers = triggers(top.get("triggers"));
        List<StepDefinition> steps = steps(top.get("steps"), root);
        if (problems.isEmpty()) {
            checkGraph(steps, top.get("steps"));
        }
        if (!problems.isEmpty()) {
            throw new PipelineDefinitionException(problems);
        }
        return new PipelineDefinition(name, description == null ? "" : description, triggers, concurrency, steps);
    }

    private int concurrency(YamlNode node) {
        if (node == null) {
            return PipelineDefinition.DEFAULT_CONCURRENCY;
        }
        if (!(node.value() instanceof Integer value) || value < 1 || value > MAX_CONCURRENCY) {
            problems.add(at(node, "concurrency must be a whole number between 1 and " + MAX_CONCURRENCY));
            return PipelineDefinition.DEFAULT_CONCURRENCY;
        }
        return value;
    }

    private List<PipelineTrigger> triggers(YamlNode node) {
        List<PipelineTrigger> triggers = new ArrayList<>();
        if (node == null || node.value() == null) {
            return triggers;
        }
        if (!node.isList()) {
            problems.add(at(node, "triggers must be a list"));
            return triggers;
        }
        for (int i = 0; i < node.list().size(); i++) {
            YamlNode item = node.list().get(i);
            String where = "triggers[" + i + "]: ";
            if (!item.isMap() || item.map().size() != 1) {
                problems.add(at(item, where + "a trigger is a mapping with one key, 'upload' or 'cron'"));
                continue;
            }
            Map.Entry<String, YamlNode> entry = item.map().entrySet().iterator().next();
            switch (entry.getKey()) {
                case "upload" -> upload(entry.getValue(), where).ifPresent(triggers::add);
                case "cron" -> cron(entry.getValue(), where).ifPresent(triggers::add);
                default -> problems.add(at(item, where + "unknown trigger '" + entry.getKey() + "' (expected upload or cron)"));
            }
        }
        return triggers;
    }

    private Optional<PipelineTrigger> upload(YamlNode node, String where) {
        if (!node.isMap()) {
            problems.add(at(node, where + "upload needs 'source' and 'glob'"));
            return Optional.empty();
        }
        unknownKeys(node.map(), UPLOAD_KEYS, where + "upload: ");
        String source = requiredString(node.map(), "source", node, where + "upload: ");
        String glob = requiredString(node.map(), "glob", node, where + "upload: ");
        if (source == null || glob == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UploadTrigger(source, PathGlob.of(glob)));
        } catch (IllegalArgumentException e) {
            problems.add(at(node.map().get("glob"), where + "upload: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private Optional<PipelineTrigger> cron(YamlNode node, String where) {
        String expression;
        String zone = null;
        YamlNode expressionNode = node;
        if (node.value() instanceof String text) {
            expression = text;
        } else if (node.isMap()) {
            unknownKeys(node.map(), CRON_KEYS, where + "cron: ");
            expression = requiredString(node.map(), "expression", node, where + "cron: ");
            zone = optionalString(node.map(), "zone", where + "cron: ");
            expressionNode = node.map().getOrDefault("expression", node);
        } else {
            problems.add(at(node, where + "cron is an expression such as \"0 2 * * *\" or {expression, zone}"));
            return Optional.empty();
        }
        if (expression == null) {
            return Optional.empty();
        }
        ZoneId zoneId = ZoneOffset.UTC;
        if (zone != null) {
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add(at(node.map().get("zone"), where + "cron: unknown time zone '" + zone + "'"));
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new CronTrigger(expression, zoneId));
        } catch (IllegalArgumentException e) {
            problems.add(at(expressionNode, where + "cron: invalid expression '" + expression + "': " + e.getMessage()));
            return Optional.empty();
        }
    }

    private List<StepDefinition> steps(YamlNode node, YamlNode root) {
        List<StepDefinition> steps = new ArrayList<>();
        if (node == null || !node.isList() || node.list().isEmpty()) {
            problems.add(at(node == null ? root : node, "steps must be a non-empty list"));
            return steps;
        }
        if (node.list().size() > MAX_STEPS) {
            problems.add(at(node, "a pipeline has at most " + MAX_STEPS + " steps"));
            return steps;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.list().size(); i++) {
            YamlNode item = node.list().get(i);
            if (!item.isMap()) {
                problems.add(at(item, "steps[" + i + "]: a step is a mapping with id and type"));
                continue;
            }
            Map<String, YamlNode> fields = item.map();
            String id = fields.get("id") != null && fields.get("id").value() instanceof String text ? text : null;
            String where = "steps[" + i + "]" + (id == null ? "" : " (id '" + id + "')") + ": ";
            unknownKeys(fields, STEP_KEYS, where);
            requiredString(fields, "id", item, where);
            if (id != null && !NAME.matcher(id).matches()) {
                problems.add(at(fields.get("id"), where + "id must be 1-63 lower-case letters, digits, '-' or '_'"));
            } else if (id != null && !ids.add(id)) {
                problems.add(at(fields.get("id"), where + "duplicate step id '" + id + "'"));
            }
            String type = requiredString(fields, "type", item, where);
            List<String> needs = needs(fields.get("needs"), where);
            Map<String, Object> params = params(fields.get("params"), where);
            if (type != null) {
                Optional<StepType> stepType = stepTypes.find(type);
                if (stepType.isEmpty() && stored) {
                    // accepted as stored; the step fails when due
                } else if (stepType.isEmpty()) {
                    problems.add(at(fields.get("type"), where + "unknown step type '" + type + "' (known: "
                            + String.join(", ", new TreeSet<>(stepTypes.names())) + ")"));
                } else if (params != null && !stored) {
                    for (String problem : stepType.get().validate(params)) {
                        problems.add(at(fields.getOrDefault("params", item), where + "params: " + problem));
                    }
                }
            }
            RetryPolicy retry = retry(fields.get("retry"), where);
            Duration timeout = timeout(fields.get("timeout"), where);
            if (id != null && type != null && params != null && retry != null && timeout != null) {
                steps.add(new StepDefinition(id, type, needs, params, retry, timeout));
            }
        }
        return steps;
    }

    private List<String> needs(YamlNode node, String where) {
        List<String> needs = new ArrayList<>();
        if (node == null || node.value() == null) {
            return needs;
        }
        List<YamlNode> items = node.isList() ? node.list() : List.of(node);
        for (YamlNode item : items) {
            if (!(item.value() instanceof String need)) {
                problems.add(at(item, where + "needs must be a list of step ids"));
            } else if (needs.contains(need)) {
                problems.add(at(item, where + "needs lists '" + need + "' twice"));
            } else {
                needs.add(need);
            }
        }
        return needs;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> params(YamlNode node, String where) {
        if (node == null || node.value() == null) {
            return new LinkedHashMap<>();
        }
        if (!node.isMap()) {
            problems.add(at(node, where + "params must be a mapping"));
            return null;
        }
        return (Map<String, Object>) node.plain();
    }

    private RetryPolicy retry(YamlNode node, String where) {
        RetryPolicy defaults = settings.defaultRetry();
        if (node == null) {
            return defaults;
        }
        if (!node.isMap()) {
            problems.add(at(node, where + "retry must be a mapping of max_attempts, initial_backoff, max_backoff"));
            return null;
        }
        Map<String, YamlNode> fields = node.map();
        unknownKeys(fields, RETRY_KEYS, where + "retry: ");
        int maxAttempts = defaults.maxAttempts();
        YamlNode attemptsNode = fields.get("max_attempts");
        if (attemptsNode != null) {
            if (attemptsNode.value() instanceof Integer value) {
                maxAttempts = value;
            } else {
                problems.add(at(attemptsNode, where + "retry: max_attempts must be a whole number"));
                return null;
            }
        }
        Duration initial = fields.containsKey("initial_backoff")
                ? duration(fields.get("initial_backoff"), where + "retry: initial_backoff", true) : defaults.initialBackoff();
        Duration max = fields.containsKey("max_backoff")
                ? duration(fields.get("max_backoff"), where + "retry: max_backoff", true) : null;
        if (initial == null || (fields.containsKey("max_backoff") && max == null)) {
            return null;
        }
        if (max == null) {
            max = initial.compareTo(defaults.maxBackoff()) > 0 ? initial : defaults.maxBackoff();
        }
        try {
            return new RetryPolicy(maxAttempts, initial, max);
        } catch (IllegalArgumentException e) {
            problems.add(at(node, where + "retry: " + e.getMessage()));
            return null;
        }
    }

    private Duration timeout(YamlNode node, String where) {
        if (node == null) {
            return settings.defaultTimeout();
        }
        Duration timeout = duration(node, where + "timeout", false);
        if (timeout != null && !stored && timeout.compareTo(settings.maxStepTimeout()) > 0) {
            problems.add(at(node, where + "timeout must not exceed " + settings.maxStepTimeout()));
            return null;
        }
        return timeout;
    }

    /** "500ms", "30s", "5m", "2h", "1d" or ISO-8601 ("PT30S"). */
    private Duration duration(YamlNode node, String what, boolean zeroAllowed) {
        Duration result = null;
        if (node.value() instanceof String text) {
            var matcher = DURATION.matcher(text.trim());
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                result = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                try {
                    result = Duration.parse(text.trim());
                } catch (DateTimeException e) {
                    result = null;
                }
            }
        }
        if (result == null || result.isNegative() || (!zeroAllowed && result.isZero())) {
            problems.add(at(node, what + " must be a " + (zeroAllowed ? "" : "positive ")
                    + "duration such as 500ms, 30s, 5m or 2h, was '" + node.value() + "'"));
            return null;
        }
        return result;
    }

    /** Every need names a step, and following needs never leads back to where it started. */
    private void checkGraph(List<StepDefinition> steps, YamlNode stepsNode) {
        Map<String, StepDefinition> byId = new LinkedHashMap<>();
        steps.forEach(step -> byId.put(step.id(), step));
        for (int i = 0; i < steps.size(); i++) {
            StepDefinition step = steps.get(i);
            for (String need : step.needs()) {
                if (!byId.containsKey(need)) {
                    problems.add(at(stepsNode.list().get(i), "steps[" + i + "] (id '" + step.id()
                            + "'): needs unknown step '" + need + "'"));
                } else if (need.equals(step.id())) {
                    problems.add(at(stepsNode.list().get(i), "steps[" + i + "] (id '" + step.id() + "'): needs itself"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        List<String> cycle = findCycle(byId);
        if (!cycle.isEmpty()) {
            problems.add("the steps form a cycle: " + String.join(" -> ", cycle));
        }
    }

    private static List<String> findCycle(Map<String, StepDefinition> byId) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String start : byId.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = visit(start, byId, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String id, Map<String, StepDefinition> byId, Map<String, Integer> state,
                                      Deque<String> path) {
        Integer current = state.get(id);
        if (current != null && current == 2) {
            return List.of();
        }
        path.addLast(id);
        if (current != null) {
            List<String> onPath = new ArrayList<>(path);
            return onPath.subList(onPath.indexOf(id), onPath.size());
        }
        state.put(id, 1);
        for (String need : byId.get(id).needs()) {
            List<String> cycle = visit(need, byId, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        state.put(id, 2);
        path.removeLast();
        return List.of();
    }

    private void unknownKeys(Map<String, YamlNode> fields, Set<String> known, String where) {
        fields.forEach((key, node) -> {
            if (!known.contains(key)) {
                problems.add(at(node, where + "unknown key '" + key + "' (expected one of "
                        + String.join(", ", new TreeSet<>(known)) + ")"));
            }
        });
    }

    private String requiredString(Map<String, YamlNode> fields, String key, YamlNode parent, String where) {
        YamlNode node = fields.get(key);
        if (node == null || node.value() == null) {
            problems.add(at(parent, where + "'" + key + "' is required"));
            return null;
        }
        if (!(node.value() instanceof String text) || text.isBlank()) {
            problems.add(at(node, where + "'" + key + "' must be a non-empty string"));
            return null;
        }
        return text;
    }

    private String optionalString(Map<String, YamlNode> fields, String key, String where) {
        YamlNode node = fields.get(key);
        if (node == null || node.value() == null) {
            return null;
        }
        if (!(node.value() instanceof String text)) {
            problems.add(at(node, where + "'" + key + "' must be a string"));
            return null;
        }
        return text;
    }

    private static String at(YamlNode node, String message) {
        return node == null || node.line() <= 0 ? message : "line " + node.line() + ": " + message;
    }
}
