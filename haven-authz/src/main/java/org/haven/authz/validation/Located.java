package org.haven.authz.validation;

/** A piece of a validation file with the 1-based file line it came from, so failures can point at it. */
public record Located<T>(T value, int line) {}
