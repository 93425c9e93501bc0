package io.authsome.console.internal.health;

import io.authsome.api.AuthsomeException;
import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.health.BundleStates;
import io.authsome.common.trust.DropinJar;
import io.authsome.console.internal.bundles.DropinTrust;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Doctor: every bundle is active (fragments resolved), except drop-ins that carry code and wait
 * for trust, which are a warning with the command that trusts them.
 */
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
        String home = context.getProperty(HomeLayout.PROPERTY);
        DropinTrust trust = home == null ? null : new DropinTrust(context, new HomeLayout(Path.of(home)));
        List<DropinJar> untrusted;
        try {
            untrusted = trust == null ? List.of() : trust.untrusted();
        } catch (AuthsomeException e) {
            untrusted = List.of();
            findings.add(Finding.fail("bundles", e.getMessage(), e.nextStep()));
        }
        Set<String> waiting = untrusted.stream().map(DropinJar::name).collect(Collectors.toSet());
        for (DropinJar jar : untrusted) {
            findings.add(Finding.warn("bundles", jar.name() + " in the drop-in folder carries code and does not run"
                    + " until trusted", DropinTrust.trustCommand(jar)));
        }
        Bundle[] bundles = context.getBundles();
        for (Bundle bundle : bundles) {
            boolean awaitsTrust = trust != null && trust.jarOf(bundle)
                    .filter(jar -> waiting.contains(jar.getFileName().toString())).isPresent();
            if (!awaitsTrust && !BundleStates.healthy(bundle)) {
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
