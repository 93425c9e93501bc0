package io.authsome.api.credential;

import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The environment variables through which authsome itself takes secrets, so that scripts and
 * CI can drive it without a terminal. Whatever starts another program ({@code authsome run})
 * removes all of them from its environment, with every other variable of authsome's own: they
 * all start with {@value #PREFIX}.
 * <p>
 * {@code bin/authsome} takes them out of the environment before the JVM starts (a process of
 * the same user could read them in {@code /proc/<pid>/environ} for as long as the process
 * lives) and hands them over a pipe; the launcher passes them to the framework as the
 * properties {@value #PROPERTY_PREFIX}{@code <name>}. Read them with {@link #value}.
 *
 * @since 1.1
 */
public final class SecretVariables {
    /** The start of the name of every environment variable authsome reads. */
    public static final String PREFIX = "AUTHSOME_";
    /** The vault passphrase in passphrase mode. */
    public static final String PASSPHRASE = "AUTHSOME_PASSPHRASE";
    /** The new passphrase of {@code vault rekey --mode passphrase}. */
    public static final String NEW_PASSPHRASE = "AUTHSOME_NEW_PASSPHRASE";
    /** An OAuth client secret at login. */
    public static final String CLIENT_SECRET = "AUTHSOME_CLIENT_SECRET";
    /** All of them. */
    public static final List<String> ALL = List.of(PASSPHRASE, NEW_PASSPHRASE, CLIENT_SECRET);
    /**
     * The framework property that carries a variable the launcher took over: this, then its name.
     *
     * @since 1.2
     */
    public static final String PROPERTY_PREFIX = "authsome.secret.";

    private SecretVariables() {
    }

    /**
     * The value of the variable {@code name}: as the launcher handed it over, else (a framework
     * started by other means, a unit test) from the environment. Empty when unset or empty.
     *
     * @since 1.2
     */
    public static Optional<String> value(String name) {
        String value = null;
        Bundle bundle = FrameworkUtil.getBundle(SecretVariables.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            value = context.getProperty(PROPERTY_PREFIX + name);
        }
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
