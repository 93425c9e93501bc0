package io.authsome.console.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command with actions that also does something on its own ({@code bundles} lists the
 * bundles, {@code bundles trust <jar>} is an action): without an action it runs itself instead of
 * being refused as one that needs an action.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsWithoutAction {
}
