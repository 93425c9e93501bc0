package io.authsome.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;

/**
 * What every in-framework test shares: one Felix framework per test class (the subclasses use
 * {@code @ExamReactorStrategy(PerClass.class)}) with every jar of {@code target/bundles}
 * (the runtime-scope dependencies of this module, copied there by the build) and a fresh
 * authsome home directory, plus the injected catalog and a polling helper.
 */
public abstract class AuthsomeTestSupport {
    /** The provider bundles of the distribution: providers-bundled/ and runtime/pom.xml. */
    protected static final int BUNDLED_PROVIDERS = 48;

    /** Driver side only: the home directory of each test class's framework. */
    private static final Map<Class<?>, Path> HOMES = new ConcurrentHashMap<>();

    @Inject
    protected BundleContext bundleContext;

    /** Injection waits until the extender's component is active. */
    @Inject
    protected ProviderCatalog catalog;

    /** Runs outside the framework, before the framework of the test class starts. */
    @Configuration
    public Option[] configuration() {
        File bundles = new File(requiredProperty("itests.bundles.dir"));
        File[] jars = bundles.listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundles in " + bundles
                    + ": run the module through Maven (mvn verify), which copies them in pre-integration-test");
        }
        Arrays.sort(jars);
        Path home = HOMES.computeIfAbsent(getClass(), AuthsomeTestSupport::newHome);

        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(frameworkProperty(HomeLayout.PROPERTY).value(home.toString()));
        for (File jar : jars) {
            options.add(bundle(jar.toURI().toString()));
        }
        return options.toArray(new Option[0]);
    }

    /** Pax Exam may call the configuration more than once for a class: the same home each time. */
    private static Path newHome(Class<?> testClass) {
        try {
            Path work = Files.createDirectories(Path.of(requiredProperty("itests.work.dir")));
            return Files.createTempDirectory(work, testClass.getSimpleName() + "-home-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (mvn verify)");
        }
        return value;
    }

    /** The home directory of this framework, as the extender sees it. */
    protected Path home() {
        return Path.of(bundleContext.getProperty(HomeLayout.PROPERTY));
    }

    protected List<Provider> providersFrom(ProviderSource source) {
        return catalog.providers().stream().filter(p -> p.source() == source).toList();
    }

    /** Waits until every bundled provider is in the catalog (bundles may still be starting). */
    protected void awaitBundledProviders() throws InterruptedException {
        await("all " + BUNDLED_PROVIDERS + " bundled providers in the catalog",
                () -> providersFrom(ProviderSource.BUNDLED).size() == BUNDLED_PROVIDERS,
                () -> "bundled: " + providersFrom(ProviderSource.BUNDLED).size() + ", problems: " + catalog.problems(),
                10_000);
    }

    /** Polls {@code condition} every 50 ms; fails with {@code state} once {@code millis} have passed. */
    protected static void await(String what, BooleanSupplier condition, Supplier<?> state, long millis)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not seen within " + millis + " ms: " + what + " (" + state.get() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** A minimal valid API-key provider whose credential goes to {@code host}. */
    protected static String apiKeyProvider(String name, String host) {
        return """
                {
                  "schema_version": 1,
                  "name": "%s",
                  "auth_type": "api_key",
                  "api_url": "%s"
                }
                """.formatted(name, host);
    }
}
