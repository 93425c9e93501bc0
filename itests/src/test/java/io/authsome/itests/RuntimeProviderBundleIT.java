package io.authsome.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.ProviderSource;
import java.util.Collection;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Provider bundles installed, stopped and uninstalled while the runtime runs. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeProviderBundleIT extends AuthsomeTestSupport {
    private static final long WAIT_MILLIS = 5_000;

    @Before
    public void bundledProvidersLoaded() throws InterruptedException {
        awaitBundledProviders();
    }

    @Test
    public void providerBundleInstalledAtRuntimeIsServedUntilUninstalled() throws Exception {
        String symbolicName = "io.authsome.itest.runtime";
        String name = "itest-runtime";
        Bundle bundle = ProviderBundleJar.install(bundleContext, symbolicName,
                apiKeyProvider(name, "api.runtime.example.com"), true);
        try {
            bundle.start();
            await(name + " in the catalog", () -> catalog.find(name).isPresent(), catalog::problems, WAIT_MILLIS);

            Provider provider = catalog.find(name).orElseThrow();
            assertEquals(symbolicName, provider.origin());
            assertEquals(ProviderSource.BUNDLED, provider.source());
            assertTrue(provider.definition().routes().get(0).matches("api.runtime.example.com", 443, "/v1/x"));
            assertEquals(BUNDLED_PROVIDERS + 1, catalog.providers().size());
            assertEquals(List.of(), catalog.problems());

            Collection<ServiceReference<Provider>> services = services(name);
            assertEquals(1, services.size());
            assertSame("registered by the provider bundle", bundle, services.iterator().next().getBundle());

            bundle.uninstall();
            await(name + " gone from the catalog", () -> catalog.find(name).isEmpty(), catalog::providers, WAIT_MILLIS);
            assertEquals(List.of(), List.copyOf(services(name)));
            assertEquals(BUNDLED_PROVIDERS, catalog.providers().size());
            assertEquals(List.of(), catalog.problems());
        } finally {
            ProviderBundleJar.uninstallQuietly(bundle);
        }
    }

    @Test
    public void stoppedProviderBundleIsWithdrawnAndComesBackOnStart() throws Exception {
        String name = "itest-restart";
        Bundle bundle = ProviderBundleJar.install(bundleContext, "io.authsome.itest.restart",
                apiKeyProvider(name, "api.restart.example.com"), true);
        try {
            bundle.start();
            await(name + " in the catalog", () -> catalog.find(name).isPresent(), catalog::problems, WAIT_MILLIS);
            bundle.stop();
            await(name + " withdrawn", () -> catalog.find(name).isEmpty(), catalog::providers, WAIT_MILLIS);
            assertTrue(services(name).isEmpty());
            bundle.start();
            await(name + " back", () -> catalog.find(name).isPresent(), catalog::problems, WAIT_MILLIS);
            assertEquals(1, services(name).size());
        } finally {
            ProviderBundleJar.uninstallQuietly(bundle);
        }
    }

    @Test
    public void providerBundleWithoutTheExtenderRequirementIsReportedNotServed() throws Exception {
        String symbolicName = "io.authsome.itest.unwired";
        String name = "itest-unwired";
        Bundle bundle = ProviderBundleJar.install(bundleContext, symbolicName,
                apiKeyProvider(name, "api.unwired.example.com"), false);
        try {
            bundle.start();
            await("a problem for " + symbolicName, () -> !problemsOf(symbolicName).isEmpty(),
                    catalog::problems, WAIT_MILLIS);

            List<ProviderProblem> problems = problemsOf(symbolicName);
            assertEquals(problems.toString(), 1, problems.size());
            ProviderProblem problem = problems.get(0);
            assertNull("the bundle, not a field, is at fault", problem.field());
            assertTrue(problem.message(), problem.message().contains("Require-Capability: osgi.extender"));
            assertTrue(catalog.find(name).isEmpty());
            assertTrue(services(name).isEmpty());
            assertEquals("a bad provider bundle still starts", Bundle.ACTIVE, bundle.getState());
            assertEquals(BUNDLED_PROVIDERS, catalog.providers().size());

            bundle.uninstall();
            await("the problem withdrawn", () -> problemsOf(symbolicName).isEmpty(), catalog::problems, WAIT_MILLIS);
        } finally {
            ProviderBundleJar.uninstallQuietly(bundle);
        }
    }

    private List<ProviderProblem> problemsOf(String origin) {
        return catalog.problems().stream().filter(problem -> problem.origin().equals(origin)).toList();
    }

    private Collection<ServiceReference<Provider>> services(String name) throws InvalidSyntaxException {
        return bundleContext.getServiceReferences(Provider.class, "(" + Provider.NAME + "=" + name + ")");
    }
}
