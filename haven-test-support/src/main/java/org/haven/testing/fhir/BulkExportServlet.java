package org.haven.testing.fhir;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * FHIR Bulk Data export (Bulk Data Access IG v2, asynchronous pattern) of the test server's {@link FhirTestData}:
 * {@code GET /fhir/Patient/$export} with {@code Prefer: respond-async} answers 202 with a status URL in
 * {@code Content-Location}; the status URL answers 202 with {@code Retry-After} and {@code X-Progress} for the first
 * {@link #pendingPolls} polls, then 200 with the manifest; the output files are NDJSON, {@link #resourcesPerFile} per
 * file; {@code DELETE} of the status URL removes the export. Supports {@code _type} (Patient, Observation),
 * {@code _outputFormat} (NDJSON) and {@code _typeFilter=Patient?address-postalcode=CODE}, which limits the Patients to
 * the postal code and the Observations to theirs, unless {@link #ignoreTypeFilter} is set, as some servers do.
 *
 * <p>An export is a snapshot of the data at kick-off. The {@link FaultFilter} is in front of every URL here too.
 */
public final class BulkExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final FhirContext CONTEXT = FhirContext.forR4();

    private final transient FhirTestData data;
    private final transient Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<String> kickOffs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    private volatile int pendingPolls;
    private volatile String retryAfter = "1";
    private volatile boolean ignoreTypeFilter;
    private volatile boolean requiresAccessToken;
    private volatile int resourcesPerFile = 1000;
    private volatile String fileOrigin;
    private volatile String errorSeverity;
    private volatile String errorDiagnostics;
    private final transient Map<String, long[]> stalls = new ConcurrentHashMap<>();

    private record Job(String id, String request, List<FhirTestData.PatientValues> patients,
            List<FhirTestData.ObservationValues> observations, boolean patientsWanted, boolean observationsWanted,
            Instant transactionTime, AtomicInteger polls) {
    }

    BulkExportServlet(FhirTestData data) {
        this.data = data;
    }

    /** The status URL answers 202 to this many polls of each export before its manifest (0 until set). */
    public void pendingPolls(int polls, String retryAfterHeader) {
        this.pendingPolls = polls;
        this.retryAfter = retryAfterHeader;
    }

    /** Exports every Patient and Observation whatever {@code _typeFilter} says, as a server without it would. */
    public void ignoreTypeFilter(boolean ignore) {
        this.ignoreTypeFilter = ignore;
    }

    /** The {@code requiresAccessToken} of manifests from now on (false until set). */
    public void requiresAccessToken(boolean requires) {
        this.requiresAccessToken = requires;
    }

    /** At most this many resources in one output file (1000 until set). */
    public void resourcesPerFile(int count) {
        this.resourcesPerFile = count;
    }

    /** Writes file URLs of manifests with this scheme, host and port instead of the request's (null: the request's). */
    public void fileOrigin(String origin) {
        this.fileOrigin = origin;
    }

    /** Adds an error file with one OperationOutcome issue to every manifest from now on (null: no error file). */
    public void errorFile(String severity, String diagnostics) {
        this.errorSeverity = severity;
        this.errorDiagnostics = diagnostics;
    }

    /**
     * The next download of the file named {@code fileName} (such as {@code Observation-1.ndjson}) sends
     * {@code afterLines} lines, then nothing for {@code millis}, then the rest: a stalled stream.
     */
    public void stallOnce(String fileName, int afterLines, long millis) {
        stalls.put(fileName, new long[] {afterLines, millis});
    }

    /** The query string of every kick-off so far. */
    public List<String> kickOffs() {
        synchronized (kickOffs) {
            return List.copyOf(kickOffs);
        }
    }

    /** The ids of exports deleted so far. */
    public List<String> deleted() {
        synchronized (deleted) {
            return List.copyOf(deleted);
        }
    }

    /** Exports kicked off and not deleted. */
    public int activeExports() {
        return jobs.size();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.endsWith("/Patient/$export")) {
            kickOff(request, response);
        } else if (path.contains("/bulk-status/")) {
            status(request, response, after(path, "/bulk-status/"));
        } else if (path.contains("/bulk-files/")) {
            file(response, after(path, "/bulk-files/"));
        } else {
            outcome(response, 404, "not-found", "no such bulk export URL");
        }
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        String id = path.contains("/bulk-status/") ? after(path, "/bulk-status/") : "";
        if (jobs.remove(id) == null) {
            outcome(response, 404, "not-found", "no such export");
            return;
        }
        deleted.add(id);
        response.setStatus(202);
    }

    private void kickOff(HttpServletRequest request, HttpServletResponse response) throws IOException {
        kickOffs.add(request.getQueryString() == null ? "" : request.getQueryString());
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.contains("respond-async")) {
            outcome(response, 400, "invalid", "Prefer: respond-async is required");
            return;
        }
        String format = request.getParameter("_outputFormat");
        if (format != null && !List.of("application/fhir+ndjson", "application/ndjson", "ndjson").contains(format)) {
            outcome(response, 400, "not-supported", "_outputFormat " + format + " is not supported");
            return;
        }
        List<String> types = request.getParameter("_type") == null ? List.of("Patient", "Observation")
                : List.of(request.getParameter("_type").split(","));
        String postalCode = null;
        String typeFilter = request.getParameter("_typeFilter");
        if (typeFilter != null && !ignoreTypeFilter) {
            if (!typeFilter.startsWith("Patient?address-postalcode=")) {
                outcome(response, 400, "not-supported", "_typeFilter supports Patient?address-postalcode= only");
                return;
            }
            postalCode = URLDecoder.decode(typeFilter.substring("Patient?address-postalcode=".length()),
                    StandardCharsets.UTF_8);
        }
        List<FhirTestData.PatientValues> patients = postalCode == null ? data.patients() : data.patientsIn(postalCode);
        List<FhirTestData.ObservationValues> observations = postalCode == null ? data.observations()
                : data.observationsIn(postalCode);
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(id, request.getRequestURL() + "?" + request.getQueryString(), patients, observations,
                types.contains("Patient"), types.contains("Observation"), Instant.now(), new AtomicInteger()));
        response.setStatus(202);
        response.setHeader("Content-Location", origin(request) + "/fhir/bulk-status/" + id);
    }

    private void status(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        Job job = jobs.get(id);
        if (job == null) {
            outcome(response, 404, "not-found", "no such export (deleted or expired)");
            return;
        }
        int poll = job.polls().incrementAndGet();
        int pending = pendingPolls;
        if (poll <= pending) {
            response.setStatus(202);
            if (retryAfter != null) {
                response.setHeader("Retry-After", retryAfter);
            }
            response.setHeader("X-Progress", "poll " + poll + " of " + pending);
            return;
        }
        String files = (fileOrigin == null ? origin(request) : fileOrigin) + "/fhir/bulk-files/" + id + "/";
        StringBuilder manifest = new StringBuilder();
        manifest.append("{\"transactionTime\":\"").append(job.transactionTime()).append("\",\"request\":\"")
                .append(job.request()).append("\",\"requiresAccessToken\":").append(requiresAccessToken)
                .append(",\"output\":[");
        List<String> entries = new ArrayList<>();
        if (job.patientsWanted()) {
            addFiles(entries, files, "Patient", job.patients().size());
        }
        if (job.observationsWanted()) {
            addFiles(entries, files, "Observation", job.observations().size());
        }
        manifest.append(String.join(",", entries)).append("],\"error\":[");
        if (errorDiagnostics != null) {
            manifest.append("{\"type\":\"OperationOutcome\",\"url\":\"").append(files).append("error-1.ndjson\"}");
        }
        manifest.append("]}");
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(manifest.toString());
    }

    private void addFiles(List<String> entries, String files, String type, int resources) {
        int perFile = resourcesPerFile;
        for (int n = 0; n * perFile < resources; n++) {
            int count = Math.min(perFile, resources - n * perFile);
            entries.add("{\"type\":\"" + type + "\",\"url\":\"" + files + type + "-" + (n + 1) + ".ndjson\",\"count\":"
                    + count + "}");
        }
    }

    private void file(HttpServletResponse response, String path) throws IOException {
        int slash = path.indexOf('/');
        Job job = slash < 0 ? null : jobs.get(path.substring(0, slash));
        String name = slash < 0 ? "" : path.substring(slash + 1);
        if (job == null || !name.endsWith(".ndjson") || name.indexOf('-') < 0) {
            outcome(response, 404, "not-found", "no such file");
            return;
        }
        String type = name.substring(0, name.indexOf('-'));
        response.setStatus(200);
        response.setContentType("application/fhir+ndjson");
        response.setCharacterEncoding("UTF-8");
        PrintWriter writer = response.getWriter();
        if (type.equals("error")) {
            writer.write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"" + errorSeverity
                    + "\",\"code\":\"processing\",\"diagnostics\":\"" + errorDiagnostics + "\"}]}\n");
            return;
        }
        int number = Integer.parseInt(name.substring(name.indexOf('-') + 1, name.length() - ".ndjson".length()));
        IParser parser = CONTEXT.newJsonParser();
        long[] stall = stalls.remove(name);
        if (type.equals("Patient")) {
            write(response, job.patients(), number, stall,
                    value -> parser.encodeResourceToString(data.patientResource(value)));
        } else if (type.equals("Observation")) {
            write(response, job.observations(), number, stall,
                    value -> parser.encodeResourceToString(data.observationResource(value)));
        }
    }

    private <T> void write(HttpServletResponse response, List<T> values, int number, long[] stall,
            Function<T, String> encode) throws IOException {
        PrintWriter writer = response.getWriter();
        int perFile = resourcesPerFile;
        int from = (number - 1) * perFile;
        for (int i = from; i < Math.min(values.size(), from + perFile); i++) {
            if (stall != null && i - from == stall[0]) {
                response.flushBuffer();
                try {
                    Thread.sleep(stall[1]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            writer.write(encode.apply(values.get(i)));
            writer.write('\n');
        }
    }

    private static String after(String path, String marker) {
        return path.substring(path.indexOf(marker) + marker.length());
    }

    private static String origin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }

    private static void outcome(HttpServletResponse response, int status, String code, String diagnostics)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"" + code + "\",\"diagnostics\":\"" + diagnostics + "\"}]}");
    }
}
