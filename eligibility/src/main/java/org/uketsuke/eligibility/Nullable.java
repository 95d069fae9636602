package org.uketsuke.eligibility;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value that may be null. In this module everything else is never null: NullAway checks it at compile time (see
 * the module's pom). Our own annotation because the domain depends on nothing outside the JDK; NullAway recognises
 * any annotation named {@code Nullable}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
public @interface Nullable {}
