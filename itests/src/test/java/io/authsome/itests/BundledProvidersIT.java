package io.authsome.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.plugin.TokenMinter;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.Route;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The 48 provider bundles of the distribution, read by the extender in a real framework. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundledProvidersIT extends AuthsomeTestSupport {

    @Before
    public void bundledProvidersLoaded() throws InterruptedException {
        awaitBundledProviders();
    }

    @Test
    public void everyBundledProviderIsAnOsgiServiceOfItsOwnBundle() throws Exception {
        Collection<ServiceReference<Provider>> references = bundleContext.getServiceReferences(Provider.class, null);
        assertEquals(BUNDLED_PROVIDERS, references.size());

        Set<String> names = new TreeSet<>();
        for (ServiceReference<Provider> reference : references) {
            String name = (String) reference.getProperty(Provider.NAME);
            names.add(name);
            assertEquals(name, ProviderSource.BUNDLED.id(), reference.getProperty(Provider.SOURCE));
            // registered on the provider bundle's own context, so it goes away with that bundle
            assertEquals("io.authsome.provider." + name, reference.getBundle().getSymbolicName());
            Provider provider = bundleContext.getService(reference);
            try {
                assertEquals(name, provider.name());
            } finally {
                bundleContext.ungetService(reference);
            }
        }
        assertEquals("one service per name", BUNDLED_PROVIDERS, names.size());
        assertTrue(names.toString(), names.containsAll(List.of("github", "google", "openai", "x", "ashby")));
    }

    @Test
    public void catalogServesTheBundledProvidersSortedAndWithoutProblems() throws Exception {
        List<Provider> providers = catalog.providers();
        assertEquals(BUNDLED_PROVIDERS, providers.size());
        for (Provider provider : providers) {
            assertEquals(provider.name(), ProviderSource.BUNDLED, provider.source());
            assertEquals("io.authsome.provider." + provider.name(), provider.origin());
        }
        List<String> names = providers.stream().map(Provider::name).toList();
        assertEquals("sorted by name", names.stream().sorted().toList(), names);
        Set<String> serviceNames = bundleContext.getServiceReferences(Provider.class, null).stream()
                .map(reference -> (String) reference.getProperty(Provider.NAME)).collect(Collectors.toSet());
        assertEquals(serviceNames, Set.copyOf(names));
        assertEquals(List.of(), catalog.problems());
        assertTrue(catalog.find("openai").isPresent());
        assertFalse(catalog.find("no-such-provider").isPresent());
    }

    @Test
    public void githubEndpointsExpandFromItsBaseUrl() {
        OAuthSettings oauth = provider("github").definition().oauth();
        assertNotNull(oauth);
        assertEquals("https://github.com", oauth.baseUrl());
        assertEquals("https://github.com/login/oauth/access_token", oauth.expand(oauth.tokenUrl(), null));
        assertEquals("https://ghe.example.com/login/oauth/access_token",
                oauth.expand(oauth.tokenUrl(), "https://ghe.example.com/"));
    }

    @Test
    public void googleAsksForOfflineAccessWithConsent() {
        Map<String, String> extra = provider("google").definition().oauth().extraAuthorizeParams();
        assertEquals("offline", extra.get("access_type"));
        assertEquals("consent", extra.get("prompt"));
    }

    @Test
    public void xRoutesBothApiHosts() {
        List<Route> routes = provider("x").definition().routes();
        assertEquals(2, routes.size());
        assertEquals(List.of("api.twitter.com", "api.x.com"), routes.stream().map(Route::spec).toList());
        assertTrue(routes.stream().anyMatch(route -> route.matches("api.x.com", 443, "/2/tweets")));
    }

    @Test
    public void gitlabRouteCoversTheApiPathOnly() {
        List<Route> routes = provider("gitlab").definition().routes();
        assertEquals(1, routes.size());
        Route route = routes.get(0);
        assertTrue(route.matches("gitlab.com", 443, "/api/v4/projects"));
        assertFalse(route.matches("gitlab.com", 443, "/users/sign_in"));
    }

    @Test
    public void ashbySendsTheKeyAsBasicUserWithEmptyPassword() {
        String expected = "Basic " + Base64.getEncoder().encodeToString("k:".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, provider("ashby").definition().injection().value("k"));
        assertEquals("Authorization", provider("ashby").definition().injection().name());
    }

    @Test
    public void theMintingProvidersRegisterTheirTokenMinters() throws Exception {
        for (String name : List.of("github-app", "google-sa")) {
            Provider provider = provider(name);
            assertEquals(AuthType.PLUGIN, provider.definition().authType());
            assertEquals(name, provider.definition().injector());
            String filter = "(" + CredentialPlugin.ID + "=" + name + ")";
            await("the token minter " + name, () -> !plugins(TokenMinter.class, filter).isEmpty(), () -> "none",
                    10_000);
            ServiceReference<TokenMinter> minter = plugins(TokenMinter.class, filter).iterator().next();
            assertEquals("registered by the provider's own bundle", "io.authsome.provider." + name,
                    minter.getBundle().getSymbolicName());
        }
        assertEquals("token {token}", provider("github-app").definition().injection().value("{token}"));
        assertEquals(List.of("GITHUB_TOKEN"), provider("github-app").definition().envNames());
        assertTrue(provider("google-sa").definition().routes().get(0).matches("storage.googleapis.com", 443, "/b"));
        assertFalse(provider("google-sa").definition().routes().get(0).matches("googleapis.com.evil.example", 443, "/"));
    }

    @Test
    public void theAwsProviderRegistersItsSigningInjectorFromItsOwnBundle() throws Exception {
        Provider aws = provider("aws");
        assertEquals(AuthType.PLUGIN, aws.definition().authType());
        assertEquals("aws-sigv4", aws.definition().injector());
        assertEquals(Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
                "AWS_DEFAULT_REGION"), Set.copyOf(aws.definition().envNames()));
        Route route = aws.definition().routes().get(0);
        assertTrue(route.matches("bucket.s3.us-west-2.amazonaws.com", 443, "/key"));
        assertFalse(route.matches("amazonaws.com.evil.example", 443, "/"));
        assertTrue(aws.definition().routes().get(1).matches("ec2.cn-north-1.amazonaws.com.cn", 443, "/"));
        String filter = "(" + CredentialPlugin.ID + "=aws-sigv4)";
        await("the aws-sigv4 injector", () -> !plugins(CredentialInjector.class, filter).isEmpty(), () -> "none",
                10_000);
        ServiceReference<CredentialInjector> reference = plugins(CredentialInjector.class, filter).iterator().next();
        assertEquals("registered by the provider's own bundle", "io.authsome.provider.aws",
                reference.getBundle().getSymbolicName());
        CredentialInjector injector = bundleContext.getService(reference);
        try {
            assertEquals(List.of("access_key_id", "secret_access_key", "session_token", "region"),
                    injector.fields().stream().map(CredentialField::name).toList());
        } finally {
            bundleContext.ungetService(reference);
        }
    }

    private <S> Collection<ServiceReference<S>> plugins(Class<S> type, String filter) {
        try {
            return bundleContext.getServiceReferences(type, filter);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Provider provider(String name) {
        return catalog.find(name).orElseThrow(() -> new AssertionError("no provider " + name));
    }
}
