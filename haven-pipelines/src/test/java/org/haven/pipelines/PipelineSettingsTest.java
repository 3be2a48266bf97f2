package org.haven.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

    @Test
    void defaultsAreValidAndDeadAfterIsHeartbeatTimesLimit() {
        PipelineSettings settings = PipelineSettings.defaults();
        assertThat(settings.deadAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.withHeartbeat(Duration.ofSeconds(1), 5).deadAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsNonsense() {
        PipelineSettings settings = PipelineSettings.defaults();
        assertThatThrownBy(() -> settings.withPolling(Duration.ZERO, 4)).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> settings.withPolling(Duration.ofSeconds(1), 0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> settings.withHeartbeat(Duration.ofSeconds(1), 3)).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> settings.withMaxRunningRuns(0)).hasMessageContaining("maxRunningRuns");
        assertThatThrownBy(() -> settings.withWorkspaceRetention(Duration.ofDays(-1), Duration.ofMinutes(1)))
                .hasMessageContaining("workspaceRetention");
        assertThatThrownBy(() -> settings.withStepDefaults(RetryPolicy.defaults(), Duration.ofDays(2)))
                .hasMessageContaining("defaultTimeout must not exceed maxStepTimeout");
        assertThatThrownBy(() -> new RetryPolicy(101, Duration.ZERO, Duration.ZERO)).hasMessageContaining("max_attempts");
    }

    @Test
    void requestsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> StartRun.latest("t", "p", " ", Map.of()))
                .isInstanceOf(PipelineException.class).hasMessageContaining("trigger key");
        assertThatThrownBy(() -> StartRun.latest("t", "p", "k".repeat(301), Map.of())).isInstanceOf(PipelineException.class);
        assertThatThrownBy(() -> new RunQuery("t", null, null, null, 0))
                .isInstanceOf(PipelineException.class).hasMessageContaining("limit");
        assertThat(StartRun.latest("t", "p", "api:1", null).inputs()).isEmpty();
        for (String tenant : new String[] {"../other", "a/b", "", "x".repeat(101), ".."}) {
            assertThatThrownBy(() -> StartRun.latest(tenant, "p", "api:1", Map.of())).as(tenant)
                    .isInstanceOf(PipelineException.class).hasMessageContaining("tenant id");
            assertThatThrownBy(() -> new ObjectAdded(tenant, "s", "n", "p", "h", Map.of())).as(tenant)
                    .isInstanceOf(PipelineException.class);
        }
        assertThat(TenantIds.require("0b9a6a8e-3f59-4e0c-9d53-93b7f7cf2d10")).isNotNull();
    }
}
