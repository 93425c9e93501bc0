package io.authsome.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.ProviderSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Bad definitions, in bundles and in drop-in files: each is rejected with a problem naming its
 * field and origin, nothing is registered for it, and everything else keeps running.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrokenProvidersIT extends AuthsomeTestSupport {
    /** The drop-in folder is polled every second. */
    private static final long WAIT_MILLIS = 5_000;

    /**
     * One bad definition.
     *
     * @param key     names its fixture bundle and file
     * @param field   the field the problem must name; null when the whole document is at fault
     * @param message a fragment the problem's message must contain
     */
    private record Broken(String key, String json, String field, String message) {
    }

    private static final List<Broken> BROKEN = List.of(
            new Broken("invalid-json", "{\"name\": \"broken-json\", \"auth_type\": ", null, "not valid JSON"),
            new Broken("no-token-url", """
                    {"schema_version": 1, "name": "broken-no-token", "auth_type": "oauth2",
                     "api_url": "api.example.com",
                     "oauth": {"authorization_url": "https://auth.example.com/authorize"}}
                    """, "oauth.token_url", "required"),
            new Broken("slash-name", """
                    {"schema_version": 1, "name": "bad/name", "auth_type": "api_key", "api_url": "api.example.com"}
                    """, "name", "bad/name"),
            new Broken("http-token-url", """
                    {"schema_version": 1, "name": "broken-http", "auth_type": "oauth2",
                     "api_url": "api.example.com",
                     "oauth": {"authorization_url": "https://auth.example.com/authorize",
                               "token_url": "http://auth.example.com/token"}}
                    """, "oauth.token_url", "https"),
            new Broken("unclosed-regex", """
                    {"schema_version": 1, "name": "broken-regex", "auth_type": "api_key", "api_url": "regex:[unclosed"}
                    """, "api_url", "regex does not compile"),
            new Broken("future-schema", """
                    {"schema_version": 99, "name": "broken-schema", "auth_type": "api_key", "api_url": "api.example.com"}
                    """, "schema_version", "99"));

    /** Provider names the fixtures would have, had they been valid. */
    private static final List<String> BROKEN_NAMES =
            List.of("broken-json", "broken-no-token", "bad/name", "broken-http", "broken-regex", "broken-schema");

    @Before
    public void bundledProvidersLoaded() throws InterruptedException {
        awaitBundledProviders();
    }

    @Test
    public void brokenProviderBundlesAreReportedByFieldAndNothingStops() throws Exception {
        List<Bundle> bundles = new ArrayList<>();
        try {
            for (Broken broken : BROKEN) {
                bundles.add(ProviderBundleJar.install(bundleContext, symbolicName(broken), broken.json(), true));
            }
            for (Bundle bundle : bundles) {
                bundle.start();
            }
            await("a problem for every fixture bundle",
                    () -> BROKEN.stream().allMatch(broken -> !problemsOf(entryOrigin(broken)).isEmpty()),
                    catalog::problems, WAIT_MILLIS);

            for (Broken broken : BROKEN) {
                assertRejected(broken, entryOrigin(broken));
            }
            for (Bundle bundle : bundles) {
                assertEquals(bundle.getSymbolicName() + " is still active", Bundle.ACTIVE, bundle.getState());
                for (ServiceReference<?> service : registeredServices(bundle)) {
                    String[] classes = (String[]) service.getProperty("objectClass");
                    assertFalse(bundle.getSymbolicName() + " registered " + List.of(classes),
                            List.of(classes).contains(Provider.class.getName()));
                }
            }
            assertNoBrokenProviderAndAllBundledServed();
            assertEquals("only the fixtures have problems", BROKEN.size(), catalog.problems().size());

            for (Bundle bundle : bundles) {
                bundle.uninstall();
            }
            await("problems withdrawn with their bundles", () -> catalog.problems().isEmpty(),
                    catalog::problems, WAIT_MILLIS);
        } finally {
            bundles.forEach(ProviderBundleJar::uninstallQuietly);
        }
    }

    @Test
    public void brokenDropInFilesAreReportedByFieldAndAValidOneComesAndGoes() throws Exception {
        Path dropins = Files.createDirectories(home().resolve("dropins"));
        List<Path> files = new ArrayList<>();
        try {
            for (Broken broken : BROKEN) {
                files.add(write(dropins.resolve(broken.key() + ".json"), broken.json()));
            }
            Path valid = write(dropins.resolve("itest-dropin.json"), apiKeyProvider("itest-dropin", "api.dropin.example.com"));
            files.add(valid);

            await("a problem for every broken file and the valid drop-in served",
                    () -> catalog.find("itest-dropin").isPresent()
                            && BROKEN.stream().allMatch(broken -> !problemsOf(fileOrigin(dropins, broken)).isEmpty()),
                    catalog::problems, WAIT_MILLIS);

            for (Broken broken : BROKEN) {
                assertRejected(broken, fileOrigin(dropins, broken));
            }
            assertEquals("only the broken files have problems", BROKEN.size(), catalog.problems().size());

            Provider dropin = catalog.find("itest-dropin").orElseThrow();
            assertEquals(ProviderSource.DROP_IN, dropin.source());
            assertEquals(valid.toString(), dropin.origin());
            assertEquals(List.of(dropin), providersFrom(ProviderSource.DROP_IN));
            assertEquals(1, bundleContext.getServiceReferences(Provider.class,
                    "(&(" + Provider.NAME + "=itest-dropin)(" + Provider.SOURCE + "=drop-in))").size());
            assertNoBrokenProviderAndAllBundledServed();

            Files.delete(valid);
            await("itest-dropin gone after its file was deleted", () -> catalog.find("itest-dropin").isEmpty(),
                    catalog::providers, WAIT_MILLIS);
            assertTrue(bundleContext.getServiceReferences(Provider.class, "(" + Provider.NAME + "=itest-dropin)").isEmpty());
            assertEquals(List.of(), providersFrom(ProviderSource.DROP_IN));
        } finally {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        await("problems withdrawn with their files", () -> catalog.problems().isEmpty(), catalog::problems, WAIT_MILLIS);
    }

    private void assertRejected(Broken broken, String origin) {
        List<ProviderProblem> problems = problemsOf(origin);
        List<String> fields = problems.stream().map(ProviderProblem::field).toList();
        assertEquals(broken.key() + ": " + problems, Collections.singletonList(broken.field()), fields);
        ProviderProblem problem = problems.get(0);
        assertTrue(broken.key() + ": " + problem.message(), problem.message().contains(broken.message()));
    }

    private void assertNoBrokenProviderAndAllBundledServed() throws Exception {
        for (String name : BROKEN_NAMES) {
            assertTrue(name + " must not be served", catalog.find(name).isEmpty());
        }
        assertEquals(BUNDLED_PROVIDERS, providersFrom(ProviderSource.BUNDLED).size());
        assertEquals(BUNDLED_PROVIDERS, bundleContext.getServiceReferences(Provider.class,
                "(" + Provider.SOURCE + "=" + ProviderSource.BUNDLED.id() + ")").size());
    }

    private List<ProviderProblem> problemsOf(String origin) {
        return catalog.problems().stream().filter(problem -> problem.origin().equals(origin)).toList();
    }

    private static String symbolicName(Broken broken) {
        return "io.authsome.itest.broken." + broken.key();
    }

    /** Problems of a bundle name the bundle and the entry: {@code <symbolic name>/provider.json}. */
    private static String entryOrigin(Broken broken) {
        return symbolicName(broken) + "/provider.json";
    }

    private static String fileOrigin(Path dropins, Broken broken) {
        return dropins.resolve(broken.key() + ".json").toString();
    }

    private static List<ServiceReference<?>> registeredServices(Bundle bundle) {
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        return services == null ? List.of() : List.of(services);
    }

    /** Written under another name and moved in, so the poller never sees half a file. */
    private static Path write(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
