package io.authsome.common.env;

import io.authsome.api.credential.SecretVariables;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Reads the {@link SecretVariables} through which authsome takes secrets: as the launcher handed
 * them over (the framework properties {@value SecretVariables#PROPERTY_PREFIX}{@code <name>}),
 * else (a framework started by other means, a unit test) from the environment.
 */
public final class SecretEnvironment {
    private SecretEnvironment() {
    }

    /** The value of the variable {@code name}; empty when unset or empty. */
    public static Optional<String> value(String name) {
        String value = null;
        Bundle bundle = FrameworkUtil.getBundle(SecretEnvironment.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            value = context.getProperty(SecretVariables.PROPERTY_PREFIX + name);
        }
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
