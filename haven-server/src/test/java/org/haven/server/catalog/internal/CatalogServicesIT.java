package org.haven.server.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;
import org.haven.server.RunningServer;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.SchemaVersion;
import org.haven.server.catalog.SchemaVersionAdded;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.HavenAuthentication;
import org.haven.server.identity.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The catalog's services as other modules and concurrent callers meet them, below the HTTP layer. */
@RecordApplicationEvents
class CatalogServicesIT extends RunningServer {

    private static final Schema FIRST = Schema.of(Field.of("id", DataType.INTEGER, IdentifierType.NON_ID).withRequired(true));

    @Autowired
    DatasetService datasets;

    @Autowired
    SchemaVersionService versions;

    @Autowired
    CatalogService catalog;

    @Autowired
    ApplicationEvents events;

    private UUID tenantId;
    private Principal.User caller;

    @BeforeEach
    void aTenantAndACaller() {
        String slug = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        tenantId = UUID.fromString(json(send("POST", "/api/v1/tenants", adminToken(),
                "{\"slug\":\"" + slug + "\",\"name\":\"Services\"}")).path("id").asString());
        caller = new Principal.User(UUID.fromString(newUser("svc").id()), "Service test", null);
        actAs(caller);
    }

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyNewVersionIsPublishedAndAnUnchangedOrRefusedOneIsNot() {
        Dataset dataset = datasets.create(tenantId, "events", "", List.of(), FIRST);
        Schema additive = withField(FIRST, "note");

        versions.add(dataset.id(), additive, false);
        versions.add(dataset.id(), additive, false);
        assertThatThrownBy(() -> versions.add(dataset.id(), FIRST, false)).isInstanceOf(HavenException.class)
                .extracting(e -> ((HavenException) e).errorCode()).isEqualTo(ErrorCode.BREAKING_SCHEMA_CHANGE);
        versions.add(dataset.id(), FIRST, true);

        assertThat(events.stream(SchemaVersionAdded.class)).containsExactly(
                new SchemaVersionAdded(tenantId, dataset.id(), 1, false),
                new SchemaVersionAdded(tenantId, dataset.id(), 2, false),
                new SchemaVersionAdded(tenantId, dataset.id(), 3, true));
        assertThat(catalog.dataset(dataset.id()).createdBy()).isEqualTo("user:" + caller.id());
        assertThat(catalog.latestSchema(dataset.id()).schema()).isEqualTo(FIRST);
        assertThat(catalog.schema(dataset.id(), 2).schema()).isEqualTo(additive);
    }

    @Test
    void unknownDatasetsAndVersionsAreNotFound() {
        Dataset dataset = datasets.create(tenantId, "lookups", "", List.of(), FIRST);

        assertThatThrownBy(() -> catalog.dataset(UUID.randomUUID())).isInstanceOf(HavenException.class)
                .extracting(e -> ((HavenException) e).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> catalog.latestSchema(UUID.randomUUID())).isInstanceOf(HavenException.class)
                .extracting(e -> ((HavenException) e).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> catalog.schema(dataset.id(), 2)).isInstanceOf(HavenException.class)
                .extracting(e -> ((HavenException) e).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void concurrentAdditionsAreNumberedOneAfterTheOther() throws Exception {
        Dataset dataset = datasets.create(tenantId, "concurrent", "", List.of(), FIRST);
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<SchemaVersionService.Added>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Schema schema = withField(FIRST, "field_" + i);
                Callable<SchemaVersionService.Added> add = () -> {
                    actAs(caller);
                    try {
                        return versions.add(dataset.id(), schema, true);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                };
                results.add(pool.submit(add));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<SchemaVersionService.Added> result : results) {
                numbers.add(result.get().version().version());
            }
            assertThat(numbers).containsExactlyInAnyOrder(2, 3, 4, 5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(versions.versions(dataset.id())).extracting(SchemaVersion::version).containsExactly(1, 2, 3, 4, 5);
    }

    private static Schema withField(Schema schema, String name) {
        List<Field> fields = new ArrayList<>(schema.fields());
        fields.add(Field.of(name, DataType.STRING, IdentifierType.NON_ID));
        return new Schema(fields);
    }

    private static void actAs(Principal principal) {
        SecurityContextHolder.getContext().setAuthentication(
                new HavenAuthentication(principal, HavenAuthentication.Method.LOCAL_TOKEN));
    }
}
