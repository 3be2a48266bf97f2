package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the bytes, a reader returns records or throws a {@link FormatException}: nothing else, and never hangs. */
class ReaderFuzzPropertiesTest {

    /** Syntax of every format, a NUL, a stray high byte's worth of text and a little plain text. */
    private static final String SYNTAX = "{}[]\",:\\\n\r ;|\t'ab01eE-.+u\u0000\u00e9tfnrl";

    private static final FormatOptions SMALL_LIMITS = FormatOptions.builder()
            .maxFieldBytes(64).maxRecordBytes(256).maxColumns(8).maxRecords(20).maxNestingDepth(5)
            .maxDecompressedBytes(4096).build();

    @Property(tries = 400)
    void randomBytes(@ForAll("bytes") byte[] input, @ForAll Format format, @ForAll boolean compressed,
            @ForAll boolean smallLimits) {
        assertOnlyFormatExceptions(compressed ? Reading.gzip(input) : input, format, smallLimits);
    }

    @Property(tries = 600)
    void syntaxHeavyText(@ForAll("syntax") String input, @ForAll Format format, @ForAll boolean smallLimits) {
        assertOnlyFormatExceptions(Reading.utf8(input), format, smallLimits);
    }

    @Property(tries = 300)
    void damagedGzip(@ForAll("syntax") String input, @ForAll int position, @ForAll byte replacement,
            @ForAll Format format) {
        byte[] compressed = Reading.gzip(Reading.utf8(input));
        compressed[Math.floorMod(position, compressed.length)] = replacement;
        assertOnlyFormatExceptions(compressed, format, false);
    }

    private static void assertOnlyFormatExceptions(byte[] input, Format format, boolean smallLimits) {
        FormatOptions options = smallLimits ? SMALL_LIMITS : FormatOptions.defaults();
        Throwable thrown = catchThrowable(() -> assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Reading.readAll(input, format, options)));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(FormatException.class);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    }

    @Provide
    Arbitrary<String> syntax() {
        return Arbitraries.strings().withChars(SYNTAX).ofMaxLength(200);
    }
}
