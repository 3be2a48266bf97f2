package org.haven.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void aPlainTokenFromTheCallerIsKept() {
        assertThat(RequestIds.acceptOrGenerate("gateway-7f3a9c1e")).isEqualTo("gateway-7f3a9c1e");
    }

    @Test
    void anythingElseIsReplacedSoLogsCannotBeForged() {
        for (String offered : new String[] {null, "", "short", "a\nfake log line", "x".repeat(65), "<script>alert(1)</script>"}) {
            assertThat(RequestIds.acceptOrGenerate(offered)).matches("[0-9a-f]{24}");
        }
    }
}
