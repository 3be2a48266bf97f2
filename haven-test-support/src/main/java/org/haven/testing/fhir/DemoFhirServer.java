package org.haven.testing.fhir;

import java.util.concurrent.CountDownLatch;

/**
 * The test FHIR server as a program, for trying Haven's FHIR ingestion without a FHIR server of one's own: synthetic
 * patients (no real person) over the postal codes of {@link FhirTestData#POSTAL_CODES}, with observations, served by
 * HAPI FHIR on 127.0.0.1 until the process is stopped. {@code ./haven demo-fhir-server [PORT] [PATIENTS]} runs it.
 */
public final class DemoFhirServer {

    private DemoFhirServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        int patients = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        FhirTestData data = FhirTestData.generate(patients, 1);
        FhirTestServer server = FhirTestServer.start(data, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "demo-fhir-server-stop"));
        System.out.println("FHIR R4 server with " + patients + " synthetic patients at " + server.baseUrl());
        for (String postalCode : FhirTestData.POSTAL_CODES) {
            System.out.println("  postal code " + postalCode + ": " + data.patientsIn(postalCode).size() + " patients, "
                    + data.observationsIn(postalCode).size() + " observations");
        }
        System.out.println("Stop it with Ctrl-C.");
        stopped.await();
    }
}
