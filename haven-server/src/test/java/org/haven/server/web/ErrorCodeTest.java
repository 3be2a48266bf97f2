package org.haven.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.haven.server.errors.ErrorCode;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void codesAndTypesAreStableAndDistinct() {
        assertThat(ErrorCode.NOT_FOUND.code()).isEqualTo("not-found");
        assertThat(ErrorCode.NOT_FOUND.type()).isEqualTo("urn:haven:problem:not-found");
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::type)).doesNotHaveDuplicates();
    }

    @Test
    void containerStatusesMapToAGenericCode() {
        assertThat(ErrorCode.forStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.forStatus(418)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(ErrorCode.forStatus(502)).isEqualTo(ErrorCode.INTERNAL);
    }
}
