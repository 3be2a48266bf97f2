package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.haven.formats.Format;
import org.haven.formats.FormatException;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.haven.schema.DataType;
import org.haven.schema.ErrorKind;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionIngestTest {

    @TempDir
    Path temp;
    DuckDbSession session;

    @BeforeEach
    void open() {
        session = DuckDbSession.inMemory(TestVersions.settings(temp));
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** 5,000 rows in several batches; every 100th has a bad amount. */
    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("id,note,amount\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",note ").append(i).append(',').append(i % 100 == 0 ? "lots" : i + ".5").append('\n');
        }
        return csv.toString();
    }

    @Test
    void validRecordsAreWrittenInOrderAndInvalidOnesQuarantined() throws Exception {
        Path version = temp.resolve("v");
        ByteArrayOutputStream rejected = new ByteArrayOutputStream();
        VersionIngest.Outcome outcome;
        WrittenVersion written;
        try (RecordReader reader = reader(csv(5_000));
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, DatasetVersionWriterTest.SMALL,
                        version);
                RejectsWriter rejects = new RejectsWriter(rejected)) {
            outcome = VersionIngest.run(reader, RecordValidator.of(DatasetVersionWriterTest.SMALL), writer, rejects,
                    Long.MAX_VALUE);
            written = writer.finish();
        }

        assertThat(outcome.records()).isEqualTo(5_000);
        assertThat(outcome.written()).isEqualTo(4_950);
        assertThat(outcome.rejected()).isEqualTo(50);
        assertThat(outcome.stoppedEarly()).isFalse();
        assertThat(outcome.report().rowCount()).isEqualTo(5_000);
        assertThat(outcome.report().errorCount("amount", ErrorKind.NOT_A_DECIMAL)).isEqualTo(50);
        assertThat(written.rowCount()).isEqualTo(4_950);
        List<String> rejects = rejected.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(rejects).hasSize(50);
        assertThat(rejects.get(0)).startsWith("{\"record\":100,\"line\":101,");

        DatasetManifest manifest = TestVersions.manifest(DatasetVersionWriterTest.SMALL, written);
        String[] ids = new String(TestVersions.export(session, version, manifest, ExportFormat.CSV, List.of("id")),
                StandardCharsets.UTF_8).split("\r\n");
        assertThat(ids).hasSize(4_951);
        int expected = 0;
        for (int i = 1; i < ids.length; i++) {
            expected += expected % 100 == 99 ? 2 : 1;
            assertThat(ids[i]).isEqualTo(Integer.toString(expected));
        }
    }

    @Test
    void aTransformShapesEveryWrittenRecordWhileRejectsKeepWhatWasRead() throws Exception {
        Schema masked = Schema.of(Field.of("id", DataType.INTEGER, IdentifierType.NON_ID),
                Field.of("note", DataType.STRING, IdentifierType.NON_ID));
        Path version = temp.resolve("v");
        ByteArrayOutputStream rejected = new ByteArrayOutputStream();
        WrittenVersion written;
        try (RecordReader reader = reader(csv(300));
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, masked, version);
                RejectsWriter rejects = new RejectsWriter(rejected)) {
            VersionIngest.Outcome outcome = VersionIngest.run(reader, RecordValidator.of(DatasetVersionWriterTest.SMALL),
                    values -> Map.of("id", values.get("id"), "note", "masked"), writer, rejects, Long.MAX_VALUE);
            written = writer.finish();
            assertThat(outcome.written()).isEqualTo(297);
            assertThat(outcome.report().errorCount("amount", ErrorKind.NOT_A_DECIMAL)).isEqualTo(3);
        }

        assertThat(written.rowCount()).isEqualTo(297);
        String exported = new String(TestVersions.export(session, version, TestVersions.manifest(masked, written),
                ExportFormat.CSV, List.of()), StandardCharsets.UTF_8);
        assertThat(exported.split("\r\n")).hasSize(298).contains("1,masked").doesNotContain("1,note 1");
        assertThat(rejected.toString(StandardCharsets.UTF_8)).contains("note 100");
    }

    @Test
    void stopsReadingPastTheRejectThreshold() throws Exception {
        try (RecordReader reader = reader(csv(50_000));
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, DatasetVersionWriterTest.SMALL,
                        temp.resolve("v"));
                RejectsWriter rejects = new RejectsWriter(new ByteArrayOutputStream())) {
            VersionIngest.Outcome outcome = VersionIngest.run(reader,
                    RecordValidator.of(DatasetVersionWriterTest.SMALL), writer, rejects, 10);

            assertThat(outcome.stoppedEarly()).isTrue();
            assertThat(outcome.rejected()).isGreaterThan(10);
            assertThat(outcome.records()).isLessThan(50_000);
        }
    }

    @Test
    void aMalformedInputFailsAfterTheRecordsBeforeIt() throws Exception {
        String input = csv(3_000) + "3001,\"unclosed,1\n";
        try (RecordReader reader = reader(input);
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, DatasetVersionWriterTest.SMALL,
                        temp.resolve("v"));
                RejectsWriter rejects = new RejectsWriter(new ByteArrayOutputStream())) {
            FormatException failure = catchThrowableOfType(FormatException.class, () -> VersionIngest.run(reader,
                    RecordValidator.of(DatasetVersionWriterTest.SMALL), writer, rejects, Long.MAX_VALUE));

            assertThat(failure.problem()).isEqualTo(FormatException.Problem.UNBALANCED_QUOTE);
            assertThat(writer.rowCount()).isEqualTo(2_970);
        }
    }

    private static RecordReader reader(String csv) throws Exception {
        return RecordReaders.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Format.CSV);
    }
}
