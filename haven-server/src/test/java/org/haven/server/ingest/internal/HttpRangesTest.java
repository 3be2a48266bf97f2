package org.haven.server.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.haven.server.errors.HavenException;
import org.haven.storage.ByteRange;
import org.junit.jupiter.api.Test;

class HttpRangesTest {

    @Test
    void readsTheThreeFormsOfASingleByteRange() {
        assertThat(HttpRanges.parse("bytes=2-5")).isEqualTo(ByteRange.of(2, 5));
        assertThat(HttpRanges.parse("bytes=10-")).isEqualTo(ByteRange.from(10));
        assertThat(HttpRanges.parse("bytes=-4")).isEqualTo(ByteRange.lastBytes(4));
    }

    @Test
    void ignoresWhatItDoesNotServeSoTheWholeContentIsSent() {
        assertThat(HttpRanges.parse(null)).isNull();
        assertThat(HttpRanges.parse("bytes=0-1,4-5")).isNull();
        assertThat(HttpRanges.parse("items=0-1")).isNull();
        assertThat(HttpRanges.parse("bytes=5-2")).isNull();
        assertThat(HttpRanges.parse("bytes=a-b")).isNull();
        assertThat(HttpRanges.parse("bytes=-")).isNull();
    }

    @Test
    void anEmptySuffixCannotBeSatisfied() {
        assertThatThrownBy(() -> HttpRanges.parse("bytes=-0")).isInstanceOf(HavenException.class);
    }
}
