package io.authsome.console.internal.health;

import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.common.health.BundleStates;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Doctor: every bundle is active (fragments resolved). */
@Component(property = HealthCheck.ORDER + ":Integer=30")
public final class BundlesHealthCheck implements HealthCheck {
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        Bundle[] bundles = context.getBundles();
        for (Bundle bundle : bundles) {
            if (!BundleStates.healthy(bundle)) {
                findings.add(Finding.fail("bundles", bundle.getSymbolicName() + " " + bundle.getVersion() + " is "
                        + BundleStates.of(bundle) + ", not active (" + bundle.getLocation() + ")",
                        "authsome bundles shows it; remove it from the dropins folder or reinstall authsome"));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok("bundles", bundles.length + " bundles, all active"));
        }
        return findings;
    }
}
