package org.haven.server.tenancy;

import java.util.Set;

/** Someone who holds roles: {@code subject} is {@code user:<id>} or {@code app:<id>}. */
public record Member(String subject, Set<String> roles) {}
