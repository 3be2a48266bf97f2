package org.haven.pipelines;

/** What starts a run of a pipeline besides the API, which can always start one. */
public sealed interface PipelineTrigger permits UploadTrigger, CronTrigger {}
