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
}
