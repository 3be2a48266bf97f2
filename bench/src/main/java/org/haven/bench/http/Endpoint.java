package org.haven.bench.http;

import java.net.URI;
import java.util.List;

/**
 * One measured request: a GET with a bearer credential or none. With several URIs (the same endpoint for different
 * records), each request takes one of them at random.
 *
 * @param throughStack whether the request goes through rate limiting, authentication, authorisation and audit
 */
public record Endpoint(String name, List<URI> uris, String bearer, boolean throughStack) {

    public Endpoint {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("an endpoint needs at least one URI");
        }
        uris = List.copyOf(uris);
    }

    public Endpoint(String name, URI uri, String bearer, boolean throughStack) {
        this(name, List.of(uri), bearer, throughStack);
    }
}
