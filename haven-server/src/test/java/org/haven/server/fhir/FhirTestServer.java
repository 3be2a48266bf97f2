package org.haven.server.fhir;

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
import jakarta.servlet.Filter;
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

/**
 * A real HAPI FHIR {@link RestfulServer} in its own embedded Tomcat on a local port, serving {@link FhirTestData}
 * with HAPI's paging, behind a filter that can slow every answer down (to catch a run while it is running).
 */
final class FhirTestServer implements AutoCloseable {

    private static final FhirContext CONTEXT = FhirContext.forR4();

    final FhirTestData data;
    volatile long delayMillis;
    private final Tomcat tomcat;
    private final File baseDir;

    private FhirTestServer(FhirTestData data, Tomcat tomcat, File baseDir) {
        this.data = data;
        this.tomcat = tomcat;
        this.baseDir = baseDir;
    }

    static FhirTestServer start(FhirTestData data, int port) {
        try {
            File baseDir = Files.createTempDirectory("fhir-test-tomcat").toFile();
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.getAbsolutePath());
            Connector connector = new Connector();
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            FhirTestServer server = new FhirTestServer(data, tomcat, baseDir);
            Context context = tomcat.addContext("", baseDir.getAbsolutePath());

            RestfulServer fhir = new RestfulServer(CONTEXT);
            fhir.setResourceProviders(List.of(server.new Patients(), server.new Observations()));
            FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
            paging.setDefaultPageSize(10);
            paging.setMaximumPageSize(500);
            fhir.setPagingProvider(paging);
            fhir.setDefaultResponseEncoding(EncodingEnum.JSON);
            Tomcat.addServlet(context, "fhir", fhir);
            context.addServletMappingDecoded("/fhir/*", "fhir");

            Filter slow = (request, response, chain) -> {
                long delay = server.delayMillis;
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                chain.doFilter(request, response);
            };
            FilterDef filter = new FilterDef();
            filter.setFilterName("slow");
            filter.setFilter(slow);
            context.addFilterDef(filter);
            FilterMap mapping = new FilterMap();
            mapping.setFilterName("slow");
            mapping.addURLPattern("/fhir/*");
            context.addFilterMap(mapping);

            tomcat.start();
            return server;
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("cannot start the test FHIR server", e);
        }
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/fhir");
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
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
