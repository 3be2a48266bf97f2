package org.haven.server.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter;
import org.haven.server.web.ProblemWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two filters over the real limiter and Bucket4j buckets kept in memory. */
class RateLimitFiltersTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final JsonMapper json = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private InMemoryBuckets buckets;
    private SimpleMeterRegistry meters;
    private AddressRateLimitFilter addressFilter;
    private PrincipalRateLimitFilter principalFilter;

    @BeforeEach
    void setUp() {
        useSettings(settings(true));
    }

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    private static RateLimitSettings settings(boolean enabled) {
        return new RateLimitSettings(enabled,
                new RateLimitSettings.Address(5, MINUTE),
                new RateLimitSettings.SignIn(2, MINUTE),
                new RateLimitSettings.Write(2, MINUTE),
                new RateLimitSettings.Read(3, MINUTE),
                Duration.ofMinutes(5));
    }

    private void useSettings(RateLimitSettings settings) {
        buckets = new InMemoryBuckets(new ManualClock(Instant.now()));
        meters = new SimpleMeterRegistry();
        RateLimiter limiter = new Bucket4jRateLimiter(buckets, settings, meters);
        RateLimitResponses responses = new RateLimitResponses(new ProblemWriter(json));
        addressFilter = new AddressRateLimitFilter(limiter, responses, settings);
        principalFilter = new PrincipalRateLimitFilter(limiter, responses, settings);
    }

    @Test
    void theFiltersSitOnEitherSideOfSpringSecurity() {
        assertThat(OrderUtils.getOrder(AddressRateLimitFilter.class)).isEqualTo(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        assertThat(OrderUtils.getOrder(PrincipalRateLimitFilter.class)).isEqualTo(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
    }

    @Test
    void anAddressOverItsCeilingGetsA429Problem() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send("GET", "/api/v1/datasets", "192.0.2.1").getStatus()).isEqualTo(200);
        }

        MockHttpServletResponse refused = send("GET", "/api/v1/datasets", "192.0.2.1");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isEqualTo(12); // 5 per minute: one every 12 s
        assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        JsonNode problem = json.readTree(refused.getContentAsByteArray());
        assertThat(problem.get("code").asString()).isEqualTo("rate-limited");
        assertThat(problem.get("type").asString()).isEqualTo("urn:haven:problem:rate-limited");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("retryable").asBoolean()).isTrue();
        assertThat(problem.get("detail").asString()).isEqualTo("Too many requests from this address; retry after 12 seconds");
        assertThat(meters.counter("haven.ratelimit.refusals", "class", "address").count()).isEqualTo(1.0);

        assertThat(send("GET", "/api/v1/datasets", "192.0.2.2").getStatus())
                .as("another address has its own budget")
                .isEqualTo(200);
    }

    @Test
    void allowedResponsesSayHowMuchIsLeft() throws Exception {
        MockHttpServletResponse first = send("GET", "/api/v1/datasets", "192.0.2.1");

        assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("5");
        assertThat(first.getHeader("RateLimit-Remaining")).isEqualTo("4");
        assertThat(first.getHeader("Retry-After")).isNull();
    }

    @Test
    void signInHasItsOwnTighterBudgetPerAddress() throws Exception {
        assertThat(send("POST", "/api/v1/auth/token", "192.0.2.1").getStatus()).isEqualTo(200);
        MockHttpServletResponse second = send("POST", "/api/v1/auth/token", "192.0.2.1");
        assertThat(second.getStatus()).isEqualTo(200);
        assertThat(second.getHeader("RateLimit-Limit")).as("the budget closest to running out").isEqualTo("2");
        assertThat(second.getHeader("RateLimit-Remaining")).isEqualTo("0");

        MockHttpServletResponse third = send("POST", "/api/v1/auth/token", "192.0.2.1");

        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(third.getHeader("Retry-After"))).isEqualTo(30);
        assertThat(json.readTree(third.getContentAsByteArray()).get("detail").asString())
                .startsWith("Too many sign-in attempts");
        assertThat(meters.counter("haven.ratelimit.refusals", "class", "sign-in").count()).isEqualTo(1.0);
        assertThat(send("GET", "/api/v1/datasets", "192.0.2.1").getStatus())
                .as("other requests from the address still pass")
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/auth/me", "192.0.2.1").getStatus())
                .as("only POST under /api/v1/auth is a sign-in")
                .isEqualTo(200);
    }

    @Test
    void probesDocsAndMetricsAreNeverLimited() throws Exception {
        for (int i = 0; i < 6; i++) {
            send("GET", "/api/v1/datasets", "192.0.2.1");
        }
        assertThat(send("GET", "/api/v1/datasets", "192.0.2.1").getStatus()).isEqualTo(429);

        for (String path : List.of("/healthz", "/readyz", "/docs", "/docs/index.html", "/openapi.json", "/metrics", "/api/v1x")) {
            MockHttpServletResponse response = send("GET", path, "192.0.2.1");
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            assertThat(response.getHeader("RateLimit-Limit")).as(path).isNull();
        }
    }

    @Test
    void thePathTheContainerMappedIsWhatCounts() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("GET", "/api/v1/datasets", "192.0.2.1");
        }
        MockHttpServletRequest disguised = request("GET", "/api/v1;x=1/datasets", "192.0.2.1");
        disguised.setServletPath("/api/v1/datasets");

        MockHttpServletResponse response = new MockHttpServletResponse();
        run(disguised, response);

        assertThat(response.getStatus()).isEqualTo(429);
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("GET", "/api/v1/datasets", "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }

        assertThat(send("GET", "/api/v1/datasets", "2001:db8:1:2:ffff::9").getStatus()).isEqualTo(429);
        assertThat(send("GET", "/api/v1/datasets", "2001:db8:1:3::1").getStatus()).isEqualTo(200);
    }

    @Test
    void anAuthenticatedPrincipalHasReadAndWriteBudgets() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(authenticated("alice"));

        assertThat(send("POST", "/api/v1/datasets", "192.0.2.1").getStatus()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/datasets/1", "192.0.2.2").getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = send("PUT", "/api/v1/datasets/1", "192.0.2.3");

        assertThat(refused.getStatus()).as("the budget follows the principal, not the address").isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isEqualTo(30);
        assertThat(json.readTree(refused.getContentAsByteArray()).get("code").asString()).isEqualTo("rate-limited");
        assertThat(meters.counter("haven.ratelimit.refusals", "class", "write").count()).isEqualTo(1.0);

        MockHttpServletResponse read = send("GET", "/api/v1/datasets", "192.0.2.3");
        assertThat(read.getStatus()).as("reads have their own budget").isEqualTo(200);
        assertThat(read.getHeader("RateLimit-Limit")).isEqualTo("3");
        assertThat(read.getHeader("RateLimit-Remaining")).isEqualTo("2");

        SecurityContextHolder.getContext().setAuthentication(authenticated("bob"));
        assertThat(send("POST", "/api/v1/datasets", "192.0.2.3").getStatus()).as("another principal").isEqualTo(200);
    }

    @Test
    void requestsWithoutAPrincipalAreLeftToTheAddressCeiling() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/api/v1/datasets", "192.0.2." + i).getStatus()).isEqualTo(200);
        }

        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.unauthenticated("alice", "not yet checked"));
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/api/v1/datasets", "192.0.2." + (10 + i)).getStatus()).isEqualTo(200);
        }

        SecurityContextHolder.clearContext();
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/api/v1/datasets", "192.0.2." + (20 + i)).getStatus()).isEqualTo(200);
        }
    }

    @Test
    void nothingIsLimitedWhenRateLimitingIsDisabled() throws Exception {
        useSettings(settings(false));
        SecurityContextHolder.getContext().setAuthentication(authenticated("alice"));

        for (int i = 0; i < 10; i++) {
            MockHttpServletResponse response = send("POST", "/api/v1/auth/token", "192.0.2.1");
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeader("RateLimit-Limit")).isNull();
        }
    }

    @Test
    void whenTheStoreIsUnavailableRequestsGoThrough() throws Exception {
        buckets.makeUnavailable();
        SecurityContextHolder.getContext().setAuthentication(authenticated("alice"));

        for (int i = 0; i < 10; i++) {
            MockHttpServletResponse response = send("POST", "/api/v1/auth/token", "192.0.2.1");
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeader("RateLimit-Remaining")).isNull();
        }
        assertThat(meters.counter("haven.ratelimit.unchecked", "class", "address").count()).isEqualTo(10.0);
    }

    private static UsernamePasswordAuthenticationToken authenticated(String name) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null, AuthorityUtils.createAuthorityList("ROLE_USER"));
    }

    private MockHttpServletResponse send(String method, String path, String remoteAddress) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        run(request(method, path, remoteAddress), response);
        return response;
    }

    private static MockHttpServletRequest request(String method, String path, String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(remoteAddress);
        return request;
    }

    /** The two filters in their order, with Spring Security's place between them left empty, then the endpoint. */
    private void run(MockHttpServletRequest request, MockHttpServletResponse response) throws Exception {
        Filter endpoint = (req, res, chain) -> ((HttpServletResponse) res).setStatus(200);
        new MockFilterChain(new jakarta.servlet.http.HttpServlet() {}, addressFilter, principalFilter, endpoint)
                .doFilter(request, response);
    }
}
