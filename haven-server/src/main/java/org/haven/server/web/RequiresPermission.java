package org.haven.server.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an endpoint needs on one resource, checked before the handler runs. The resource is
 * {@code resourceType:<id>}, where the id is the path variable named {@code idFrom}, or the fixed {@code id}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresPermission {

    String resourceType();

    /** The path variable holding the resource id. */
    String idFrom() default "";

    /** A fixed resource id, for singletons such as {@code platform:haven}. */
    String id() default "";

    String permission();

    /**
     * Path variables passed to the check as caveat context, under their own names; whole numbers are passed as
     * numbers. A grant limited to one dataset version, say, is decided by the {@code version} the route names.
     */
    String[] contextFrom() default {};

    /**
     * The permission that lets a caller see the resource at all. A caller without it gets 404 rather than 403, so
     * the ids of other tenants' things cannot be probed; a caller who can see it gets 403, which is more helpful.
     * Empty for resources whose existence is no secret (the platform itself): always 403.
     */
    String visibleWith() default "view";
}
