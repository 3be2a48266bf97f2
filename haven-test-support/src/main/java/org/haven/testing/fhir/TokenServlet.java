package org.haven.testing.fhir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An OAuth2 token endpoint for the client credentials grant, authenticating its one client ({@link #CLIENT_ID},
 * {@link #CLIENT_SECRET}) with HTTP basic as RFC 6749 says (both form-encoded before joining). Tokens are opaque and
 * never expire on their own: a test decides which it accepts with {@link FaultFilter#requireAuthorization}.
 */
public final class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The one client the endpoint knows. */
    public static final String CLIENT_ID = "haven-ingest";
    /** Its secret, with characters that must be form-encoded in the basic credentials. */
    public static final String CLIENT_SECRET = "s3cret:with/odd&chars";

    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int expiresInSeconds = 3600;
    private volatile String lastScope;

    /** Whether the endpoint issued {@code token} (and it was not forgotten since). */
    public boolean issued(String token) {
        return issued.contains(token);
    }

    /** Forgets every token issued so far, as a server that revoked them would. */
    public void forgetIssuedTokens() {
        issued.clear();
    }

    /** Token requests so far, refused ones included. */
    public int requests() {
        return requests.get();
    }

    /** The {@code expires_in} of tokens issued from now on (3600 until set). */
    public void expiresInSeconds(int seconds) {
        expiresInSeconds = seconds;
    }

    /** The {@code scope} of the last token issued, null if it had none. */
    public String lastScope() {
        return lastScope;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        requests.incrementAndGet();
        String header = request.getHeader("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (encode(CLIENT_ID) + ":" + encode(CLIENT_SECRET)).getBytes(StandardCharsets.UTF_8));
        response.setContentType("application/json");
        if (!expected.equals(header)) {
            response.setStatus(401);
            response.getWriter().write("{\"error\":\"invalid_client\"}");
            return;
        }
        if (!"client_credentials".equals(request.getParameter("grant_type"))) {
            response.setStatus(400);
            response.getWriter().write("{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        lastScope = request.getParameter("scope");
        String token = "tok-" + requests.get() + "-" + System.nanoTime();
        issued.add(token);
        response.getWriter().write("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresInSeconds + "}");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
