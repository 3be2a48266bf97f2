/**
 * Haven's durable pipeline engine: pipeline definitions (YAML DAGs of typed steps, versioned per tenant), the step
 * SPI ({@link org.haven.pipelines.StepType}), and runs executed on db-scheduler in PostgreSQL with retries,
 * timeouts, cancel, resume, per-pipeline concurrency, a fair share per tenant and a stored event stream.
 * {@link org.haven.pipelines.PipelineEngine} is the entry point; the server adds storage, HTTP and the built-in
 * steps on top.
 */
package org.haven.pipelines;
