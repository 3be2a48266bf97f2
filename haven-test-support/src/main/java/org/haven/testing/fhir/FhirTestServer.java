package org.haven.testing.fhir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;

/**
 * A real HAPI FHIR {@link RestfulServer} in an embedded Tomcat on 127.0.0.1, serving {@link FhirTestData} with HAPI's
 * own paging ({@code _getpages} links), behind a {@link FaultFilter} that injects throttling, errors, delays,
 * authentication checks and body rewrites, and beside an OAuth2 token endpoint ({@link TokenServlet}).
 *
 * <p>Searches: {@code Patient?address-postalcode=CODE} (patients sorted by id) and
 * {@code Observation?subject=Patient/ID}, paged by {@code _count} (default 20, at most 500). The data may be changed
 * while the server runs; a search sees it as it is when the search starts. Bulk export ({@code Patient/$export}) is
 * served by {@link BulkExportServlet} unless the server was started without it.
 */
public final class FhirTestServer implements AutoCloseable {

    private static final FhirContext CONTEXT = FhirContext.forR4();

    private final FhirTestData data;
    private final FaultFilter faults;
    private final TokenServlet tokens = new TokenServlet();
    private final BulkExportServlet bulkExport;
    private final Tomcat tomcat;
    private final File baseDir;

    private FhirTestServer(FhirTestData data, FaultFilter faults, Tomcat tomcat, File baseDir, boolean bulkExport) {
        this.data = data;
        this.bulkExport = bulkExport ? new BulkExportServlet(data) : null;
        this.faults = faults;
        this.tomcat = tomcat;
        this.baseDir = baseDir;
    }

    /** Starts a server for {@code data} on a free port, with the fault filter in front of it. */
    public static FhirTestServer start(FhirTestData data) {
        return start(data, 0);
    }

    /**
     * Starts a server for {@code data} on {@code port} (0 for a free one), with the fault filter in front of it; a
     * test restarts a server on the port of one it stopped to bring an unreachable source back.
     */
    public static FhirTestServer start(FhirTestData data, int port) {
        return start(data, port, new FaultFilter(), true);
    }

    /**
     * Starts a server for {@code data} on a free port, with the fault filter, that does not support bulk export:
     * {@code Patient/$export} reaches HAPI, which refuses the unknown operation as it would on any plain server.
     */
    public static FhirTestServer startWithoutBulkExport(FhirTestData data) {
        return start(data, 0, new FaultFilter(), false);
    }

    /**
     * Starts a server for {@code data} on a free port with nothing in front of the FHIR servlet: no request is
     * recorded and no fault can be scripted ({@link #faults()} refuses). For load measurements.
     */
    public static FhirTestServer startWithoutFaults(FhirTestData data) {
        return start(data, 0, null, true);
    }

    private static FhirTestServer start(FhirTestData data, int port, FaultFilter faults, boolean bulkExport) {
        try {
            File baseDir = Files.createTempDirectory("fhir-test-tomcat").toFile();
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.getAbsolutePath());
            Connector connector = new Connector();
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            FhirTestServer server = new FhirTestServer(data, faults, tomcat, baseDir, bulkExport);
            Context context = tomcat.addContext("", baseDir.getAbsolutePath());

            RestfulServer fhir = new RestfulServer(CONTEXT);
            fhir.setResourceProviders(List.of(server.new Patients(), server.new Observations()));
            FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
            paging.setDefaultPageSize(20);
            paging.setMaximumPageSize(500);
            fhir.setPagingProvider(paging);
            fhir.setDefaultResponseEncoding(EncodingEnum.JSON);
            Tomcat.addServlet(context, "fhir", fhir);
            context.addServletMappingDecoded("/fhir/*", "fhir");
            Tomcat.addServlet(context, "token", server.tokens);
            context.addServletMappingDecoded("/token", "token");
            if (bulkExport) {
                // Exact and longer prefix mappings win over HAPI's /fhir/*.
                Tomcat.addServlet(context, "bulk-export", server.bulkExport);
                context.addServletMappingDecoded("/fhir/Patient/$export", "bulk-export");
                context.addServletMappingDecoded("/fhir/bulk-status/*", "bulk-export");
                context.addServletMappingDecoded("/fhir/bulk-files/*", "bulk-export");
            }

            if (faults != null) {
                FilterDef filter = new FilterDef();
                filter.setFilterName("faults");
                filter.setFilter(faults);
                context.addFilterDef(filter);
                FilterMap mapping = new FilterMap();
                mapping.setFilterName("faults");
                mapping.addURLPattern("/fhir/*");
                context.addFilterMap(mapping);
            }

            tomcat.start();
            return server;
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("cannot start the test FHIR server", e);
        }
    }

    /** What the server serves; changes show in searches started after them. */
    public FhirTestData data() {
        return data;
    }

    /** The filter in front of the FHIR servlet: recorded requests, scripted faults, authorization, rewrites. */
    public FaultFilter faults() {
        if (faults == null) {
            throw new IllegalStateException("this server was started without a fault filter");
        }
        return faults;
    }

    /** The OAuth2 token endpoint at {@link #tokenUrl()}. */
    public TokenServlet tokens() {
        return tokens;
    }

    /** The bulk export ({@code Patient/$export}) and its settings. */
    public BulkExportServlet bulkExport() {
        if (bulkExport == null) {
            throw new IllegalStateException("this server was started without bulk export");
        }
        return bulkExport;
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** The FHIR base URL, {@code http://127.0.0.1:PORT/fhir}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/fhir");
    }

    /** The token endpoint for the client credentials grant. */
    public URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/token");
    }

    /** Stops Tomcat and deletes its working directory. */
    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
        deleteQuietly(baseDir);
    }

    private static void deleteQuietly(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteQuietly(child);
            }
        }
        file.delete();
    }

    /** Patients by postal code; the server pages the result through its paging provider. */
    public final class Patients implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Patient.class;
        }

        @Search
        public IBundleProvider byPostalCode(@RequiredParam(name = Patient.SP_ADDRESS_POSTALCODE) StringParam code) {
            List<IBaseResource> matches = data.patientsIn(code.getValue()).stream().map(data::patientResource)
                    .collect(Collectors.toList());
            return new SimpleBundleProvider(matches);
        }
    }

    /** Observations by subject. */
    public final class Observations implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Observation.class;
        }

        @Search
        public IBundleProvider bySubject(@RequiredParam(name = Observation.SP_SUBJECT) ReferenceParam subject) {
            List<IBaseResource> matches = data.observationsOf(subject.getIdPart()).stream()
                    .map(data::observationResource).collect(Collectors.toList());
            return new SimpleBundleProvider(matches);
        }
    }
}
