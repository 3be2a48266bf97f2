package org.haven.server.pipeline.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.ingest.FileService;
import org.haven.server.ingest.SourceFile;
import org.springframework.stereotype.Component;

/**
 * {@code land}: registers the run's input file. It checks that the file exists in a data source of the run's
 * tenant and still has the content the trigger saw, and hands its identity to the steps after it. Uploaded objects
 * are immutable, so nothing is copied.
 */
@Component
class LandStep implements StepType {

    private final FileService files;

    LandStep(FileService files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "land";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        return StepParams.unknownKeys(params, Set.of());
    }

    @Override
    public StepResult execute(StepContext context) {
        UUID sourceId = StepParams.requiredInput(context, "source_id");
        UUID fileId = StepParams.requiredInput(context, "file_id");
        SourceFile file;
        try {
            file = files.get(sourceId, fileId);
        } catch (HavenException e) {
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                throw StepFailure.permanent("the input file does not exist");
            }
            throw e;
        }
        if (!file.tenantId().equals(StepParams.tenant(context))) {
            throw StepFailure.permanent("the input file does not exist");
        }
        String expected = context.inputs().get("sha256");
        if (expected != null && !expected.equals(file.sha256())) {
            throw StepFailure.permanent("the input file's content is not the content the run was started for");
        }
        context.log("landed " + file.path() + " (" + file.size() + " bytes, sha256 " + file.sha256() + ")");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("source_id", sourceId.toString());
        output.put("file_id", fileId.toString());
        output.put("path", file.path());
        output.put("sha256", file.sha256());
        output.put("size", file.size());
        return StepResult.of(output);
    }
}
