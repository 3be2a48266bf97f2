package org.haven.authz;

/** One resource found by lookup resources, with whether access is definite or conditional. */
public record ResourceResult(ObjectRef resource, CheckResult result) {}
