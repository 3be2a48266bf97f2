package org.haven.fhir;

/**
 * Receives each resource of a crawl as the JSON text the server sent (one line, ready for NDJSON). The crawl calls it
 * from one thread at a time, so an implementation need not be thread-safe; a resource reaches it at most once per
 * crawl, identified by its logical id.
 */
public interface ResourceSink {

    void patient(String json);

    void observation(String json);
}
