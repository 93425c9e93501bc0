package io.authsome.ui.internal;

import io.authsome.common.health.HealthChecks;
import java.util.Arrays;
import org.osgi.framework.BundleContext;

/** {@code /health}: what {@code doctor} finds, and the daemon's bundles. */
final class HealthSection implements Section {
    private final BundleContext context;

    HealthSection(BundleContext context) {
        this.context = context;
    }

    @Override
    public Answer answer(Request request) {
        if (request.isPost() || request.segments().size() != 1) {
            return null;
        }
        return Answer.html(200, Pages.health(HealthChecks.run(context), Arrays.asList(context.getBundles()),
                request.csrf()));
    }
}
