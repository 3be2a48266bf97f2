package org.haven.pipelines.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.pipelines.CronTrigger;
import org.haven.pipelines.PipelineDefinition;
import org.haven.pipelines.PipelineTrigger;
import org.haven.pipelines.StepDefinition;
import org.haven.pipelines.UploadTrigger;

/** The canonical JSON of a definition: equal when the definitions mean the same, whatever the YAML layout. */
final class DefinitionJson {

    private DefinitionJson() {}

    static String canonical(PipelineDefinition definition) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", definition.name());
        root.put("description", definition.description());
        root.put("concurrency", definition.concurrency());
        List<Object> triggers = new ArrayList<>();
        for (PipelineTrigger trigger : definition.triggers()) {
            if (trigger instanceof UploadTrigger upload) {
                triggers.add(Map.of("upload", Map.of("source", upload.source(), "glob", upload.glob().pattern())));
            } else if (trigger instanceof CronTrigger cron) {
                triggers.add(Map.of("cron", Map.of("expression", cron.expression(), "zone", cron.zone().getId())));
            }
        }
        root.put("triggers", triggers);
        List<Object> steps = new ArrayList<>();
        for (StepDefinition step : definition.steps()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", step.id());
            item.put("type", step.type());
            item.put("needs", step.needs());
            item.put("params", step.params());
            item.put("retry", Map.of("max_attempts", step.retry().maxAttempts(),
                    "initial_backoff", step.retry().initialBackoff().toString(),
                    "max_backoff", step.retry().maxBackoff().toString()));
            item.put("timeout", step.timeout().toString());
            steps.add(item);
        }
        root.put("steps", steps);
        return Json.canonical(root);
    }
}
