package org.haven.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineDefinitionTest {

    private static final StepTypes TYPES = StepTypes.of(TestSteps.echo());

    private static PipelineDefinition parse(String yaml) {
        return PipelineDefinition.parse(yaml, TYPES, PipelineSettings.defaults());
    }

    private static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (PipelineDefinitionException e) {
            assertThat(e.code()).isEqualTo(PipelineErrorCode.DEFINITION_INVALID);
            return e.problems();
        }
        throw new AssertionError("expected the definition to be rejected");
    }

    @Test
    void parsesAFullDefinition() {
        PipelineDefinition definition = parse("""
                name: admissions
                description: Load admissions
                concurrency: 3
                triggers:
                  - upload: {source: hospital-a, glob: "incoming/**/*.csv"}
                  - cron: "0 2 * * *"
                  - cron: {expression: "30 6 * * 1", zone: Europe/London}
                steps:
                  - id: land
                    type: echo
                    params: {value: x}
                    retry: {max_attempts: 5, initial_backoff: 1s, max_backoff: 1m}
                    timeout: 10m
                  - id: validate
                    type: echo
                    needs: [land]
                """);
        assertThat(definition.name()).isEqualTo("admissions");
        assertThat(definition.concurrency()).isEqualTo(3);
        assertThat(definition.uploadTriggers()).singleElement()
                .satisfies(trigger -> assertThat(trigger.matches("id-1", "hospital-a", "incoming/2026/jan.csv")).isTrue());
        assertThat(definition.cronTriggers()).extracting(CronTrigger::zone)
                .containsExactly(ZoneId.of("UTC").normalized(), ZoneId.of("Europe/London"));
        StepDefinition land = definition.step("land").orElseThrow();
        assertThat(land.retry()).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThat(land.timeout()).isEqualTo(Duration.ofMinutes(10));
        StepDefinition validate = definition.step("validate").orElseThrow();
        assertThat(validate.needs()).containsExactly("land");
        assertThat(validate.retry()).isEqualTo(PipelineSettings.defaults().defaultRetry());
        assertThat(validate.timeout()).isEqualTo(PipelineSettings.defaults().defaultTimeout());
        assertThat(definition.concurrency()).isEqualTo(3);
    }

    @Test
    void defaultsConcurrencyToOne() {
        assertThat(parse("name: p\nsteps:\n  - {id: a, type: echo}\n").concurrency()).isEqualTo(1);
    }

    @Test
    void rejectsACycleNamingIt() {
        assertThat(problems("""
                name: p
                steps:
                  - {id: a, type: echo, needs: [c]}
                  - {id: b, type: echo, needs: [a]}
                  - {id: c, type: echo, needs: [b]}
                """)).singleElement().asString().contains("cycle").contains("a -> c -> b -> a");
    }

    @Test
    void rejectsASelfNeed() {
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, needs: [a]}\n"))
                .singleElement().asString().contains("needs itself");
    }

    @Test
    void rejectsUnknownTypeWithLineAndKnownTypes() {
        assertThat(problems("""
                name: p
                steps:
                  - id: a
                    type: nope
                """)).singleElement().asString().startsWith("line 4:").contains("unknown step type 'nope'").contains("echo");
    }

    @Test
    void rejectsUnknownNeed() {
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, needs: [ghost]}\n"))
                .singleElement().asString().contains("needs unknown step 'ghost'");
    }

    @Test
    void rejectsDuplicateIds() {
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo}\n  - {id: a, type: echo}\n"))
                .singleElement().asString().startsWith("line 4:").contains("duplicate step id 'a'");
    }

    @Test
    void rejectsBadCron() {
        assertThat(problems("name: p\ntriggers:\n  - cron: \"61 2 * * *\"\nsteps:\n  - {id: a, type: echo}\n"))
                .singleElement().asString().startsWith("line 3:").contains("cron");
        assertThat(problems("name: p\ntriggers:\n  - cron: \"* * *\"\nsteps:\n  - {id: a, type: echo}\n"))
                .singleElement().asString().contains("5 fields");
        assertThat(problems("name: p\ntriggers:\n  - cron: {expression: \"0 2 * * *\", zone: Mars/Base}\nsteps:\n  - {id: a, type: echo}\n"))
                .singleElement().asString().contains("unknown time zone");
    }

    @Test
    void rejectsBadGlobs() {
        for (String glob : List.of("/abs/*.csv", "a/../b", "a**/b", "a//b", "")) {
            assertThat(problems("name: p\ntriggers:\n  - upload: {source: s, glob: \"" + glob + "\"}\nsteps:\n  - {id: a, type: echo}\n"))
                    .as(glob).isNotEmpty();
        }
    }

    @Test
    void rejectsBadRetryValues() {
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, retry: {max_attempts: 0}}\n"))
                .singleElement().asString().contains("max_attempts must be between 1");
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, retry: {initial_backoff: 1m, max_backoff: 1s}}\n"))
                .singleElement().asString().contains("max_backoff must be at least initial_backoff");
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, retry: {initial_backoff: soon}}\n"))
                .singleElement().asString().contains("initial_backoff must be a duration");
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, timeout: 0s}\n"))
                .singleElement().asString().contains("timeout must be a positive duration");
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, timeout: 30d}\n"))
                .singleElement().asString().contains("must not exceed");
    }

    @Test
    void rejectsUnknownKeysEverywhere() {
        assertThat(problems("""
                name: p
                owner: bob
                triggers:
                  - upload: {source: s, glob: "*.csv", recursive: true}
                steps:
                  - {id: a, type: echo, retries: 3, retry: {attempts: 2}}
                """)).hasSize(4).anySatisfy(p -> assertThat(p).startsWith("line 2:").contains("unknown key 'owner'"))
                .anySatisfy(p -> assertThat(p).contains("unknown key 'recursive'"))
                .anySatisfy(p -> assertThat(p).contains("unknown key 'retries'"))
                .anySatisfy(p -> assertThat(p).contains("retry: unknown key 'attempts'"));
    }

    @Test
    void stepTypeValidatesItsParams() {
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, params: {colour: red}}\n"))
                .singleElement().asString().contains("params: unknown param 'colour'");
    }

    @Test
    void rejectsEmptyAndMalformedDocuments() {
        assertThat(problems("")).singleElement().asString().contains("empty");
        assertThat(problems("name: p\nsteps: []\n")).singleElement().asString().contains("steps must be a non-empty list");
        assertThat(problems("name: p\nsteps: [\n")).singleElement().asString().contains("not valid YAML");
        assertThat(problems("- a\n- b\n")).singleElement().asString().contains("must be a mapping");
        assertThat(problems("name: p\nname: q\nsteps:\n  - {id: a, type: echo}\n"))
                .singleElement().asString().startsWith("line 2:").contains("duplicate key 'name'");
        assertThat(problems("name: Bad Name\nsteps:\n  - {id: a, type: echo}\n"))
                .singleElement().asString().contains("lower-case");
        assertThat(problems("name: p\nconcurrency: 0\nsteps:\n  - {id: a, type: echo}\n"))
                .singleElement().asString().contains("concurrency");
    }

    @Test
    void hostileDocumentsAreRefusedCheaply() {
        String bomb = """
                name: p
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                steps:
                  - {id: a, type: echo}
                """;
        assertThat(problems(bomb)).isNotEmpty();
        assertThat(problems("name: p\nsteps:\n  - {id: a, type: echo, params: " + "[".repeat(100) + "]".repeat(100) + "}\n"))
                .singleElement().asString().contains("nested deeper");
        assertThat(problems("name: p\ndescription: \"" + "x".repeat(300_000) + "\"\nsteps:\n  - {id: a, type: echo}\n"))
                .singleElement().asString().contains("longer than");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(problems("""
                steps:
                  - {id: a, type: nope}
                  - {type: echo}
                """)).hasSize(3);
    }

    @Test
    void globMatching() {
        PathGlob glob = PathGlob.of("incoming/**/*.csv");
        assertThat(glob.matches("incoming/a.csv")).isTrue();
        assertThat(glob.matches("incoming/2026/01/a.csv")).isTrue();
        assertThat(glob.matches("incoming/a.csv.gz")).isFalse();
        assertThat(glob.matches("other/a.csv")).isFalse();
        assertThat(PathGlob.of("*.csv").matches("dir/a.csv")).isFalse();
        assertThat(PathGlob.of("data/?.csv").matches("data/a.csv")).isTrue();
        assertThat(PathGlob.of("data/?.csv").matches("data/ab.csv")).isFalse();
        assertThat(PathGlob.of("**").matches("any/thing/at/all")).isTrue();
        // Regular-expression syntax is literal.
        assertThat(PathGlob.of("a.(b|c)+.csv").matches("a.(b|c)+.csv")).isTrue();
        assertThat(PathGlob.of("a.(b|c)+.csv").matches("aXbbcsv")).isFalse();
        assertThat(PathGlob.of("**/**/**/**/*a*a*a*a*a*b").matches("x/".repeat(40) + "a".repeat(200))).isFalse();
        assertThatThrownBy(() -> PathGlob.of("**/**/**/**/**/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(List.of(policy.backoffAfter(1), policy.backoffAfter(2), policy.backoffAfter(3), policy.backoffAfter(4)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
    }
}
