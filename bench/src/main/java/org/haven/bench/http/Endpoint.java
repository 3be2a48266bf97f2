package org.haven.bench.http;

import java.net.URI;

/** One measured request: a GET to {@code uri}, with a bearer credential or none. */
record Endpoint(String name, URI uri, String bearer, boolean throughStack) {}
