package io.authsome.providers.internal;

import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderProblem;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Doctor: every provider definition parses, and every plugin a provider names runs; each rejected
 * definition and each missing plugin is a failure with its fix.
 */
@Component(property = HealthCheck.ORDER + ":Integer=20")
public final class ProvidersHealthCheck implements HealthCheck {
    @Reference
    private ProviderCatalog catalog;

    @Reference
    private RunningPlugins plugins;

    @Override
    public List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        for (ProviderProblem problem : catalog.problems()) {
            findings.add(Finding.fail("providers", problem.toString(), fixFor(problem)));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok("providers", catalog.providers().size() + " providers loaded, all valid"));
        }
        return findings;
    }

    private String fixFor(ProviderProblem problem) {
        for (Provider provider : catalog.providers()) {
            if (plugins.missing(provider) && RunningPlugins.problem(provider).equals(problem)) {
                return RunningPlugins.nextStep(provider) + "; or remove the provider (authsome unregister "
                        + provider.name() + " for a custom one)";
            }
        }
        return problem.origin().endsWith(".json") && problem.origin().startsWith("/")
                ? "fix or delete " + problem.origin()
                : "fix the provider bundle, or remove it from the dropins folder";
    }
}
