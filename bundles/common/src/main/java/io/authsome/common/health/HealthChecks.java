package io.authsome.common.health;

import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Every {@link HealthCheck} service of the framework, run in the order of their
 * {@value HealthCheck#ORDER} property: what {@code doctor} prints and the dashboard shows. A check
 * that throws becomes a failed finding of its bundle; it never stops the others.
 */
public final class HealthChecks {
    private HealthChecks() {
    }

    public static List<Finding> run(BundleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (ServiceReference<HealthCheck> reference : references(context)) {
            HealthCheck check = context.getService(reference);
            if (check == null) {
                continue;
            }
            try {
                findings.addAll(check.check());
            } catch (RuntimeException e) {
                findings.add(Finding.fail(String.valueOf(reference.getBundle().getSymbolicName()),
                        "health check failed: " + e, "authsome bundles"));
            } finally {
                context.ungetService(reference);
            }
        }
        return findings;
    }

    private static List<ServiceReference<HealthCheck>> references(BundleContext context) {
        try {
            List<ServiceReference<HealthCheck>> references =
                    new ArrayList<>(context.getServiceReferences(HealthCheck.class, null));
            references.sort(Comparator.comparingInt(HealthChecks::order));
            return references;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int order(ServiceReference<?> reference) {
        return reference.getProperty(HealthCheck.ORDER) instanceof Integer order ? order : Integer.MAX_VALUE;
    }
}
