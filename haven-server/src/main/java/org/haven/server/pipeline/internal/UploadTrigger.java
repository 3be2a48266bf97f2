package org.haven.server.pipeline.internal;

import java.util.List;
import java.util.Map;
import org.haven.pipelines.ObjectAdded;
import org.haven.pipelines.PipelineEngine;
import org.haven.pipelines.StartedRun;
import org.haven.server.ingest.DataSourceService;
import org.haven.server.ingest.FileUploaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts the runs an upload triggers. The runs are queued in the upload's own transaction, so a file is never
 * recorded without its runs nor a run without its file; the engine's trigger key {@code upload:<sha256>} makes the
 * same content uploaded twice start one run per pipeline version. Once the upload commits, the queued runs are
 * admitted at once instead of at the next sweep.
 */
@Component
class UploadTrigger {

    private static final Logger log = LoggerFactory.getLogger(UploadTrigger.class);

    private final PipelineEngine engine;
    private final DataSourceService sources;

    UploadTrigger(PipelineEngine engine, DataSourceService sources) {
        this.engine = engine;
        this.sources = sources;
    }

    @EventListener
    void queueRuns(FileUploaded upload) {
        String sourceName = sources.get(upload.sourceId()).name();
        List<StartedRun> runs = engine.onObjectAdded(new ObjectAdded(upload.tenantId().toString(),
                upload.sourceId().toString(), sourceName, upload.path(), upload.sha256(),
                Map.of("file_id", upload.fileId().toString(), "started_by", upload.uploadedBy())));
        if (!runs.isEmpty()) {
            log.info("Upload of {} to source {} queued {} run(s)", upload.fileId(), upload.sourceId(), runs.size());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void admitRuns(FileUploaded upload) {
        engine.admitQueuedRuns();
    }
}
