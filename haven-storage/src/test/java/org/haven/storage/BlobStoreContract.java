package org.haven.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.haven.storage.BlobStoreException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link BlobStore} must do. An implementation's test extends this class, opens a fresh,
 * empty store in {@link #openStore()} and says how to find what a failed write could leave behind
 * in {@link #assertNoLeftovers()}.
 */
public abstract class BlobStoreContract {

    /**
     * Larger than two 5 MiB parts, so S3 stores with a 5 MiB part size take the multipart path with
     * a short tail.
     */
    protected static final long LARGE = 12L * 1024 * 1024 + 12345;

    protected BlobStore store;

    /** A fresh, empty store. */
    protected abstract BlobStore openStore() throws Exception;

    /**
     * Fails if the store holds anything a failed or aborted put could have left: temporary files,
     * uploads, staging.
     */
    protected abstract void assertNoLeftovers() throws Exception;

    @BeforeEach
    void openFreshStore() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void storesAndReturnsContentWithItsHashSizeAndType() {
        BlobKey key = BlobKey.of("tenant-1/uploads/report 2024 (final) é.csv");
        BlobInfo written =
                put(key, "id,name\n1,Ada\n", PutOptions.defaults().withContentType("text/csv"));

        assertThat(written.key()).isEqualTo(key);
        assertThat(written.size()).isEqualTo(14);
        assertThat(written.sha256()).isEqualTo(TestContent.sha256Of("id,name\n1,Ada\n"));
        assertThat(written.contentType()).isEqualTo("text/csv");

        BlobInfo head = store.head(key).orElseThrow();
        assertThat(head.size()).isEqualTo(14);
        assertThat(head.sha256()).isEqualTo(written.sha256());
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.lastModified()).isNotNull();

        try (BlobContent content = store.get(key)) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("id,name\n1,Ada\n");
            assertThat(content.info().sha256()).isEqualTo(written.sha256());
            assertThat(content.offset()).isZero();
            assertThat(content.length()).isEqualTo(14);
        }
    }

    @Test
    void defaultsTheContentType() {
        BlobKey key = BlobKey.of("plain");
        put(key, "x", PutOptions.defaults());

        assertThat(store.head(key).orElseThrow().contentType())
                .isEqualTo(PutOptions.DEFAULT_CONTENT_TYPE);
    }

    @Test
    void storesAnEmptyObject() {
        BlobKey key = BlobKey.of("empty");
        BlobInfo written = store.put(key, InputStream.nullInputStream());

        assertThat(written.size()).isZero();
        assertThat(written.sha256()).isEqualTo(TestContent.sha256Of(new byte[0]));
        assertThat(store.head(key).orElseThrow().size()).isZero();
        try (BlobContent content = store.get(key)) {
            assertThat(content.readAllBytes()).isEmpty();
        }
    }

    @Test
    void streamsALargeObjectInAndOut() throws Exception {
        BlobKey key = BlobKey.of("large/stream.bin");
        BlobInfo written = store.put(key, TestContent.patterned(LARGE));

        assertThat(written.size()).isEqualTo(LARGE);
        assertThat(written.sha256()).isEqualTo(TestContent.sha256OfPattern(LARGE));
        assertThat(store.head(key).orElseThrow().sha256()).isEqualTo(written.sha256());
        try (BlobContent content = store.get(key)) {
            assertThat(TestContent.sha256Of(content.stream())).isEqualTo(written.sha256());
        }
        assertNoLeftovers();
    }

    @Test
    void acceptsContentMatchingTheExpectedHash() {
        BlobKey key = BlobKey.of("checked/small");
        String expected = TestContent.sha256Of("payload").toUpperCase();

        BlobInfo written = put(key, "payload", PutOptions.defaults().withExpectedSha256(expected));

        assertThat(written.sha256()).isEqualTo(expected.toLowerCase());
        assertThat(store.head(key)).isPresent();
    }

    @Test
    void acceptsALargeObjectMatchingTheExpectedHash() throws Exception {
        BlobKey key = BlobKey.of("checked/large");
        String expected = TestContent.sha256OfPattern(LARGE);

        store.put(
                key,
                TestContent.patterned(LARGE),
                PutOptions.defaults().withExpectedSha256(expected));

        assertThat(store.head(key).orElseThrow().sha256()).isEqualTo(expected);
        try (BlobContent content = store.get(key)) {
            assertThat(TestContent.sha256Of(content.stream())).isEqualTo(expected);
        }
        assertNoLeftovers();
    }

    @Test
    void rejectsAHashMismatchLeavingNothing() throws Exception {
        BlobKey key = BlobKey.of("checked/small");
        PutOptions options =
                PutOptions.defaults().withExpectedSha256(TestContent.sha256Of("something else"));

        assertReason(() -> put(key, "payload", options), Reason.HASH_MISMATCH);

        assertAbsent(key);
        assertNoLeftovers();
    }

    @Test
    void rejectsALargeHashMismatchLeavingNoObjectAndNoUpload() throws Exception {
        BlobKey key = BlobKey.of("checked/large");
        PutOptions options =
                PutOptions.defaults().withExpectedSha256(TestContent.sha256OfPattern(LARGE - 1));

        assertReason(
                () -> store.put(key, TestContent.patterned(LARGE), options), Reason.HASH_MISMATCH);

        assertAbsent(key);
        assertNoLeftovers();
    }

    @Test
    void keepsThePreviousVersionWhenAnOverwriteMismatches() {
        BlobKey key = BlobKey.of("checked/kept");
        BlobInfo original = put(key, "original", PutOptions.defaults());
        PutOptions options = PutOptions.defaults().withExpectedSha256(TestContent.sha256Of("nope"));

        assertReason(() -> put(key, "replacement", options), Reason.HASH_MISMATCH);

        assertThat(store.head(key).orElseThrow().sha256()).isEqualTo(original.sha256());
        assertThat(read(key)).isEqualTo("original");
    }

    @Test
    void rejectsContentOverTheSizeLimitLeavingNothing() throws Exception {
        BlobKey key = BlobKey.of("limited");

        assertReason(
                () -> put(key, "0123456789X", PutOptions.defaults().withMaxSize(10)),
                Reason.TOO_LARGE);

        assertAbsent(key);
        assertNoLeftovers();
        assertThat(put(key, "0123456789", PutOptions.defaults().withMaxSize(10)).size())
                .isEqualTo(10);
    }

    @Test
    void leavesNothingWhenTheSourceFailsMidway() throws Exception {
        BlobKey key = BlobKey.of("broken/small");

        assertReason(() -> store.put(key, TestContent.failingAfter(1000, 500)), Reason.IO);

        assertAbsent(key);
        assertNoLeftovers();
    }

    @Test
    void leavesNothingWhenALargeSourceFailsMidway() throws Exception {
        BlobKey key = BlobKey.of("broken/large");

        assertReason(
                () -> store.put(key, TestContent.failingAfter(LARGE, LARGE - 1024 * 1024)),
                Reason.IO);

        assertAbsent(key);
        assertNoLeftovers();
    }

    @Test
    void keepsThePreviousVersionWhenAnOverwriteSourceFails() throws Exception {
        BlobKey key = BlobKey.of("broken/kept");
        BlobInfo original = put(key, "original", PutOptions.defaults());

        assertReason(() -> store.put(key, TestContent.failingAfter(LARGE, LARGE / 2)), Reason.IO);

        assertThat(store.head(key).orElseThrow())
                .extracting(BlobInfo::sha256, BlobInfo::size)
                .containsExactly(original.sha256(), 8L);
        assertThat(read(key)).isEqualTo("original");
        assertNoLeftovers();
    }

    @Test
    void overwritesAnObject() {
        BlobKey key = BlobKey.of("versions/current");
        put(key, "first", PutOptions.defaults().withContentType("text/plain"));
        BlobInfo second =
                put(
                        key,
                        "second version",
                        PutOptions.defaults().withContentType("application/json"));

        assertThat(read(key)).isEqualTo("second version");
        BlobInfo head = store.head(key).orElseThrow();
        assertThat(head.sha256()).isEqualTo(second.sha256());
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(keys(store.list("versions/", null, 10))).containsExactly("versions/current");
    }

    @Test
    void readsByteRanges() {
        BlobKey key = BlobKey.of("ranges/digits");
        String content = "0123456789abcdefghij";
        put(key, content, PutOptions.defaults());

        assertThat(read(key, ByteRange.of(0, 3))).isEqualTo("0123");
        assertThat(read(key, ByteRange.of(5, 9))).isEqualTo("56789");
        assertThat(read(key, ByteRange.of(7, 7))).isEqualTo("7");
        assertThat(read(key, ByteRange.from(15))).isEqualTo("fghij");
        assertThat(read(key, ByteRange.of(18, 1000))).isEqualTo("ij");
        assertThat(read(key, ByteRange.lastBytes(3))).isEqualTo("hij");
        assertThat(read(key, ByteRange.lastBytes(500))).isEqualTo(content);
        assertThat(read(key, ByteRange.from(19))).isEqualTo("j");

        try (BlobContent part = store.get(key, ByteRange.of(5, 9))) {
            assertThat(part.offset()).isEqualTo(5);
            assertThat(part.length()).isEqualTo(5);
            assertThat(part.info().size()).isEqualTo(20);
            assertThat(part.info().sha256()).isEqualTo(TestContent.sha256Of(content));
        }
    }

    @Test
    void readsARangeInsideALargeObject() throws IOException {
        BlobKey key = BlobKey.of("ranges/large");
        store.put(key, TestContent.patterned(LARGE));
        long first = 5L * 1024 * 1024 - 10;

        try (BlobContent part = store.get(key, ByteRange.of(first, first + 99))) {
            byte[] bytes = part.readAllBytes();
            assertThat(bytes).hasSize(100);
            for (int i = 0; i < bytes.length; i++) {
                assertThat(bytes[i]).isEqualTo(TestContent.patternByte(first + i));
            }
        }
    }

    @Test
    void rejectsRangesTheObjectCannotSatisfy() {
        BlobKey key = BlobKey.of("ranges/short");
        put(key, "0123456789", PutOptions.defaults());
        BlobKey empty = BlobKey.of("ranges/empty");
        put(empty, "", PutOptions.defaults());

        assertReason(() -> store.get(key, ByteRange.from(10)), Reason.INVALID_RANGE);
        assertReason(() -> store.get(key, ByteRange.of(50, 60)), Reason.INVALID_RANGE);
        assertReason(() -> store.get(empty, ByteRange.from(0)), Reason.INVALID_RANGE);
        assertReason(() -> store.get(empty, ByteRange.lastBytes(1)), Reason.INVALID_RANGE);
        assertReason(() -> ByteRange.of(5, 2), Reason.INVALID_RANGE);
        assertReason(() -> ByteRange.of(-1, 2), Reason.INVALID_RANGE);
        assertReason(() -> ByteRange.from(-3), Reason.INVALID_RANGE);
        assertReason(() -> ByteRange.lastBytes(0), Reason.INVALID_RANGE);
        assertReason(
                () -> store.get(BlobKey.of("ranges/missing"), ByteRange.from(0)), Reason.NOT_FOUND);
    }

    @Test
    void reportsMissingObjects() {
        BlobKey key = BlobKey.of("nowhere/to/be/found");

        assertThat(store.head(key)).isEmpty();
        assertReason(() -> store.get(key), Reason.NOT_FOUND);
    }

    @Test
    void listsByPrefixInCodePointOrderAcrossPages() {
        // '!' and '-' sort before '/', which sorts before '2': a walk of directories in name order
        // gets this wrong.
        List<String> keys = List.of("a/b/c", "a/b2", "a/b!x", "a/b-", "a/c", "ab", "b/x", "u/z");
        for (String key : keys) {
            put(BlobKey.of(key), key, PutOptions.defaults());
        }

        assertThat(listAll("", 3))
                .containsExactly("a/b!x", "a/b-", "a/b/c", "a/b2", "a/c", "ab", "b/x", "u/z");
        assertThat(listAll("a/b", 2)).containsExactly("a/b!x", "a/b-", "a/b/c", "a/b2");
        assertThat(listAll("a/b/", 1)).containsExactly("a/b/c");
        assertThat(listAll("a", 100)).hasSize(6);
        assertThat(listAll("zzz", 5)).isEmpty();
    }

    /**
     * Code-point order is UTF-8 byte order, S3's: U+1F600 sorts after U+FF01 although its UTF-16
     * form does not.
     */
    @Test
    protected void listsSupplementaryCharactersAfterTheBasicPlane() {
        List<String> keys = List.of("u/\uD83D\uDE00", "u/\uFF01", "u/z");
        for (String key : keys) {
            put(BlobKey.of(key), key, PutOptions.defaults());
        }

        assertThat(listAll("u/", 1)).containsExactly("u/z", "u/\uFF01", "u/\uD83D\uDE00");
    }

    /** A key and keys that extend it by more segments can all exist, as they can on S3. */
    @Test
    protected void listsAKeyAndTheKeysNestedUnderIt() {
        List<String> keys = List.of("a/b", "a/b/c", "a/b/c/d", "a/b2", "a/b!x", "a");
        for (String key : keys) {
            put(BlobKey.of(key), key, PutOptions.defaults());
        }

        assertThat(listAll("", 2)).containsExactly("a", "a/b", "a/b!x", "a/b/c", "a/b/c/d", "a/b2");
        assertThat(listAll("a/b/c", 10)).containsExactly("a/b/c", "a/b/c/d");
        assertThat(read(BlobKey.of("a/b"))).isEqualTo("a/b");
        assertThat(read(BlobKey.of("a/b/c"))).isEqualTo("a/b/c");
    }

    @Test
    void endsAListingWithoutACursor() {
        put(BlobKey.of("p/1"), "1", PutOptions.defaults());
        put(BlobKey.of("p/2"), "2", PutOptions.defaults());

        BlobPage first = store.list("p/", null, 1);
        assertThat(keys(first)).containsExactly("p/1");
        assertThat(first.nextCursor()).isPresent();
        BlobPage second = store.list("p/", first.nextCursor().get(), 1);
        assertThat(keys(second)).containsExactly("p/2");
        BlobPage third =
                second.nextCursor().map(cursor -> store.list("p/", cursor, 1)).orElse(null);
        if (third != null) {
            assertThat(third.items()).isEmpty();
            assertThat(third.nextCursor()).isEmpty();
        }
        BlobPage whole = store.list("p/", null, 2);
        assertThat(keys(whole)).containsExactly("p/1", "p/2");
        assertThat(whole.nextCursor()).isEmpty();
    }

    @Test
    void listsSizes() {
        put(BlobKey.of("sized/three"), "abc", PutOptions.defaults());

        BlobSummary summary = store.list("sized/", null, 10).items().get(0);

        assertThat(summary.key()).isEqualTo(BlobKey.of("sized/three"));
        assertThat(summary.size()).isEqualTo(3);
        assertThat(summary.lastModified()).isNotNull();
    }

    @Test
    void rejectsMalformedListings() {
        assertReason(() -> store.list("", "not base64 !", 10), Reason.INVALID_REQUEST);
        assertReason(() -> store.list("", null, 0), Reason.INVALID_REQUEST);
        assertReason(() -> store.list("", null, BlobPage.MAX_LIMIT + 1), Reason.INVALID_REQUEST);
        assertReason(() -> store.list("/abs", null, 10), Reason.INVALID_REQUEST);
        assertReason(() -> store.list("a\u0000", null, 10), Reason.INVALID_REQUEST);
    }

    @Test
    void deletesAnObject() {
        BlobKey key = BlobKey.of("tree/leaf");
        BlobKey neighbour = BlobKey.of("tree/leaf2");
        put(key, "leaf", PutOptions.defaults());
        put(neighbour, "neighbour", PutOptions.defaults());

        assertThat(store.delete(key)).isTrue();
        assertThat(store.delete(key)).isFalse();
        assertThat(store.head(key)).isEmpty();
        assertReason(() -> store.get(key), Reason.NOT_FOUND);
        assertThat(read(neighbour)).isEqualTo("neighbour");
        assertThat(store.delete(BlobKey.of("never/there"))).isFalse();

        put(key, "back again", PutOptions.defaults());
        assertThat(read(key)).isEqualTo("back again");
    }

    @Test
    protected void deletesAKeyButNotTheKeysNestedUnderIt() {
        BlobKey parent = BlobKey.of("tree/a");
        BlobKey child = BlobKey.of("tree/a/b");
        put(parent, "parent", PutOptions.defaults());
        put(child, "child", PutOptions.defaults());

        assertThat(store.delete(parent)).isTrue();
        assertThat(read(child)).isEqualTo("child");
        assertThat(store.delete(child)).isTrue();
        assertThat(keys(store.list("tree", null, 10))).isEmpty();
    }

    @Test
    void copiesAnObjectWithItsHashAndType() {
        BlobKey source = BlobKey.of("copy/source");
        BlobKey target = BlobKey.of("copy/target/nested");
        BlobInfo original =
                put(source, "copy me", PutOptions.defaults().withContentType("text/plain"));

        BlobInfo copied = store.copy(source, target);

        assertThat(copied.key()).isEqualTo(target);
        assertThat(copied.sha256()).isEqualTo(original.sha256());
        assertThat(read(target)).isEqualTo("copy me");
        assertThat(store.head(target).orElseThrow())
                .extracting(BlobInfo::sha256, BlobInfo::contentType, BlobInfo::size)
                .containsExactly(original.sha256(), "text/plain", 7L);
        assertThat(read(source)).isEqualTo("copy me");
    }

    @Test
    void copyReplacesTheTarget() {
        BlobKey source = BlobKey.of("copy/new");
        BlobKey target = BlobKey.of("copy/old");
        put(source, "new", PutOptions.defaults());
        put(target, "old", PutOptions.defaults());

        store.copy(source, target);

        assertThat(read(target)).isEqualTo("new");
        assertThat(store.head(target).orElseThrow().sha256())
                .isEqualTo(TestContent.sha256Of("new"));
    }

    @Test
    void copiesALargeObject() throws Exception {
        BlobKey source = BlobKey.of("copy/large-source");
        BlobKey target = BlobKey.of("copy/large-target");
        store.put(source, TestContent.patterned(LARGE));

        store.copy(source, target);

        assertThat(store.head(target).orElseThrow().size()).isEqualTo(LARGE);
        try (BlobContent content = store.get(target)) {
            assertThat(TestContent.sha256Of(content.stream()))
                    .isEqualTo(TestContent.sha256OfPattern(LARGE));
        }
        assertNoLeftovers();
    }

    @Test
    void refusesToCopyAMissingObject() {
        assertReason(
                () -> store.copy(BlobKey.of("copy/missing"), BlobKey.of("copy/anywhere")),
                Reason.NOT_FOUND);
        assertThat(store.head(BlobKey.of("copy/anywhere"))).isEmpty();
    }

    static Stream<String> invalidKeys() {
        return Stream.of(
                "",
                "..",
                "a/../b",
                "../escape",
                "/abs",
                "/",
                "a/",
                "a//b",
                "./a",
                "a/./b",
                "a\\b",
                "a\u0000b",
                "line\nbreak",
                "tab\there",
                "del\u007f",
                "c1\u0085",
                "half\uD800",
                ".haven/staging/x",
                ".haven",
                "x".repeat(BlobKey.MAX_KEY_BYTES + 1),
                "s/" + "y".repeat(BlobKey.MAX_SEGMENT_BYTES + 1),
                "é".repeat(BlobKey.MAX_SEGMENT_BYTES / 2 + 1));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void rejectsInvalidKeysBeforeTouchingTheStore(String invalid) throws Exception {
        assertReason(
                () -> store.put(BlobKey.of(invalid), new ByteArrayInputStream(new byte[] {1})),
                Reason.INVALID_KEY);
        assertThat(BlobKey.isValid(invalid)).isFalse();
        assertThat(store.list("", null, 10).items()).isEmpty();
        assertNoLeftovers();
    }

    /**
     * Every valid key fits: 255-byte segments, 1024-byte keys, multi-byte characters, dot-led
     * segments.
     */
    @Test
    protected void holdsTheLongestValidKeys() {
        String segment = "s".repeat(BlobKey.MAX_SEGMENT_BYTES);
        BlobKey longest = BlobKey.of(String.join("/", segment, segment, segment, segment));
        BlobKey multibyte = BlobKey.of("é".repeat(BlobKey.MAX_SEGMENT_BYTES / 2) + "/.hidden/...");

        put(longest, "long", PutOptions.defaults());
        put(multibyte, "wide", PutOptions.defaults());

        assertThat(longest.value().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(BlobKey.MAX_KEY_BYTES);
        assertThat(read(longest)).isEqualTo("long");
        assertThat(read(multibyte)).isEqualTo("wide");
        assertThat(listAll("", 10)).containsExactly(longest.value(), multibyte.value());
    }

    @Test
    void passesItsHealthCheck() {
        store.check();
    }

    protected BlobInfo put(BlobKey key, String content, PutOptions options) {
        return store.put(
                key, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), options);
    }

    protected String read(BlobKey key) {
        try (BlobContent content = store.get(key)) {
            return new String(content.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    protected String read(BlobKey key, ByteRange range) {
        try (BlobContent content = store.get(key, range)) {
            return new String(content.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    protected void assertAbsent(BlobKey key) {
        assertThat(store.head(key)).isEmpty();
        assertReason(() -> store.get(key), Reason.NOT_FOUND);
        assertThat(keys(store.list("", null, BlobPage.MAX_LIMIT))).doesNotContain(key.value());
    }

    protected static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        BlobStoreException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    protected List<String> listAll(String prefix, int pageSize) {
        List<String> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            BlobPage page = store.list(prefix, cursor.orElse(null), pageSize);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(keys(page));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return all;
    }

    protected static List<String> keys(BlobPage page) {
        return page.items().stream().map(item -> item.key().value()).toList();
    }
}
