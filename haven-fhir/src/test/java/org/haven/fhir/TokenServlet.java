package org.haven.fhir;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** An OAuth2 token endpoint for the client credentials grant, authenticating clients with HTTP basic. */
final class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String CLIENT_ID = "haven-ingest";
    static final String CLIENT_SECRET = "s3cret:with/odd&chars";

    final Set<String> issued = ConcurrentHashMap.newKeySet();
    final AtomicInteger requests = new AtomicInteger();
    volatile int expiresInSeconds = 3600;
    volatile String lastScope;

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
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
