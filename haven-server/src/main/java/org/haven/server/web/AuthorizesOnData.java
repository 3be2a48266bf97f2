package org.haven.server.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that needs an authenticated caller and decides access on the data itself: a list filtered to what
 * the caller may see, or the caller's own profile. {@code value} says how, so a reviewer can check it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AuthorizesOnData {

    String value();

    /**
     * True when the endpoint writes one audit event for every request it decides, allowed or refused, naming the
     * decision: that event is then the request's access record, and no separate {@code access.scoped} event is
     * written, so a read is one event, not two.
     */
    boolean auditsItsDecision() default false;
}
