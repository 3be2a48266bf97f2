package org.haven.pipelines;

/** Starts a run when an object whose path matches {@code glob} is added to the data source {@code source} (id or name). */
public record UploadTrigger(String source, PathGlob glob) implements PipelineTrigger {

    public boolean matches(String sourceId, String sourceName, String path) {
        return (source.equals(sourceId) || source.equals(sourceName)) && glob.matches(path);
    }
}
