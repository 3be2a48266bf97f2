package org.haven.bench.authz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.haven.authz.AuthzEngine;
import org.haven.authz.AuthzSettings;
import org.haven.authz.CheckRequest;
import org.haven.authz.CheckResult;
import org.haven.authz.LookupResourcesRequest;
import org.haven.authz.ObjectRef;
import org.haven.authz.ResourceResult;
import org.haven.authz.SubjectRef;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.SchemaParser;
import org.haven.authz.store.PostgresTupleStore;
import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Check (permissions nested three deep through arrows), lookup resources (10,000 results) and cold start (load
 * one million relationships from PostgreSQL), each next to its baseline in the same run: for check, the single
 * indexed PostgreSQL query that answers the direct-relation case. Sample-time mode prints p50 and p99.
 *
 * <pre>java -jar bench/target/haven-bench.jar AuthzBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthzBenchmark {

    private TestDatabase database;
    private CompiledSchema schema;
    private AuthzEngine engine;
    private Connection baselineConnection;
    private PreparedStatement directQuery;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void load() throws SQLException {
        database = TestPostgres.embedded();
        AuthzDataset.load(database.dataSource());
        schema = SchemaParser.parse(AuthzDataset.SCHEMA);
        engine = AuthzEngine.open(schema, new PostgresTupleStore(database.dataSource()), AuthzSettings.defaults().withRefreshInterval(Duration.ofSeconds(1)));
        baselineConnection = database.dataSource().getConnection();
        directQuery = baselineConnection.prepareStatement("SELECT 1 FROM authz_relationships WHERE resource_type = 'document' AND resource_id = ? "
                + "AND relation = 'reader' AND subject_type = 'user' AND subject_id = ? AND subject_relation = ''");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        engine.close();
        baselineConnection.close();
        database.close();
    }

    /** Half the requests are granted through document -> folder -> parent folders -> group; half walk the whole chain and fail. */
    @Benchmark
    public CheckResult checkNestedPermission() {
        int document = random.nextInt(AuthzDataset.DOCUMENTS);
        int folder = document % AuthzDataset.FOLDERS;
        int user = random.nextBoolean()
                ? (folder % AuthzDataset.GROUPS) * AuthzDataset.USERS_PER_GROUP + random.nextInt(AuthzDataset.USERS_PER_GROUP)
                : random.nextInt(AuthzDataset.GROUPS * AuthzDataset.USERS_PER_GROUP);
        return engine.check(CheckRequest.of(ObjectRef.of("document", "d" + document), "read", SubjectRef.object("user", "u" + user)));
    }

    /** Baseline: one indexed PostgreSQL query that answers only "is the user a direct reader". */
    @Benchmark
    public boolean baselineDirectRelationQuery() throws SQLException {
        int document = random.nextInt(AuthzDataset.DOCUMENTS);
        directQuery.setString(1, "d" + document);
        directQuery.setString(2, "u" + ((document * 7) % (AuthzDataset.GROUPS * AuthzDataset.USERS_PER_GROUP)));
        try (ResultSet row = directQuery.executeQuery()) {
            return row.next();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ResourceResult> lookupTenThousandResources() {
        return engine.lookupResources(LookupResourcesRequest.of("document", "read", SubjectRef.object("user", "power")));
    }

    /** Cold start: a new engine loading every relationship from PostgreSQL into its index. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int coldStartFromPostgres() {
        try (AuthzEngine fresh = AuthzEngine.open(schema, new PostgresTupleStore(database.dataSource()), AuthzSettings.defaults())) {
            return ((org.haven.authz.internal.IndexedAuthzEngine) fresh).indexedRelationships();
        }
    }

    /** Baseline for cold start: reading the same rows over JDBC without indexing them. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long baselineReadAllRows() {
        long[] count = {0};
        new PostgresTupleStore(database.dataSource()).loadAll(relationship -> count[0]++);
        return count[0];
    }
}
