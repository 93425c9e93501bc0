package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.ClientAuthentication;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.RevocationStyle;
import io.authsome.api.provider.Route;
import io.authsome.api.provider.TokenRequestFormat;
import io.authsome.api.vault.ConnectionState;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    static Provider provider(String name, String tokenUrl, String... routes) {
        OAuthSettings oauth = tokenUrl == null ? null : new OAuthSettings(null, tokenUrl, null, null, null, null, null,
                List.of(), true, Map.of(), ClientAuthentication.CLIENT_SECRET_POST, RevocationStyle.RFC7009,
                TokenRequestFormat.FORM, null);
        ProviderDefinition definition = new ProviderDefinition(1, name, name,
                oauth == null ? AuthType.API_KEY : AuthType.OAUTH2, oauth == null ? Flow.API_KEY : Flow.PKCE,
                List.of(routes).stream().map(Route::parse).toList(), List.of(), HeaderInjection.BEARER, oauth, null,
                Map.of(), null, Map.of());
        return new Provider(definition, ProviderSource.BUNDLED, name);
    }

    static List<RouteTable.Target> targets(Provider... providers) {
        return Stream.of(providers).map(p -> new RouteTable.Target(p, "default", p.definition().routes(), ConnectionState.CONNECTED)).toList();
    }

    private final Provider google = provider("google", "https://oauth2.googleapis.com/token",
            "regex:^[a-z0-9.-]+\\.googleapis\\.com$");
    private final Provider gitlab = provider("gitlab", "https://gitlab.com/oauth/token", "https://gitlab.com/api/");
    private final Provider slack = provider("slack", "https://slack.com/api/oauth.v2.access", "https://slack.com/api/");
    private final Provider storage = provider("storage", null, "storage.googleapis.com");
    private final Provider klaviyo = provider("klaviyo", null, "a.klaviyo.com");
    private final Provider klaviyoOauth = provider("klaviyo-oauth", "https://a.klaviyo.com/oauth/token", "a.klaviyo.com");

    @Test
    void pathPrefixesRouteOnlyTheirPaths() {
        RouteTable table = new RouteTable(targets(gitlab));
        assertEquals("gitlab", ((RouteTable.Inject) table.decide("gitlab.com", 443, "/api/v4/projects")).provider().name());
        assertInstanceOf(RouteTable.Pass.class, table.decide("gitlab.com", 443, "/users/sign_in"));
        assertTrue(table.intercepts("gitlab.com", 443));
        assertFalse(table.intercepts("example.com", 443));
    }

    @Test
    void anExactHostBeatsARegexAndOAuthEndpointsNeverGetACredential() {
        RouteTable table = new RouteTable(targets(google, storage));
        assertEquals("storage", ((RouteTable.Inject) table.decide("storage.googleapis.com", 443, "/b")).provider().name());
        assertEquals("google", ((RouteTable.Inject) table.decide("www.googleapis.com", 443, "/drive/v3")).provider().name());
        assertInstanceOf(RouteTable.Pass.class, table.decide("oauth2.googleapis.com", 443, "/token"));
        assertInstanceOf(RouteTable.Pass.class, table.decide("oauth2.googleapis.com", 443, "/tokeninfo"));
    }

    @Test
    void theTokenEndpointUnderARoutedPrefixIsExcluded() {
        RouteTable table = new RouteTable(targets(slack));
        assertInstanceOf(RouteTable.Pass.class, table.decide("slack.com", 443, "/api/oauth.v2.access"));
        assertInstanceOf(RouteTable.Inject.class, table.decide("slack.com", 443, "/api/chat.postMessage"));
    }

    @Test
    void twoConnectedProvidersOnOneHostAreAmbiguousAndOneAloneIsNot() {
        assertEquals(List.of("klaviyo", "klaviyo-oauth"), ((RouteTable.Ambiguous) new RouteTable(targets(klaviyo,
                klaviyoOauth)).decide("a.klaviyo.com", 443, "/api/profiles")).providers());
        assertEquals("klaviyo", ((RouteTable.Inject) new RouteTable(targets(klaviyo))
                .decide("a.klaviyo.com", 443, "/api/profiles")).provider().name());
    }

    @Test
    void withheldProvidersGetNothingAndWinOnlyWhereTheyAreMoreSpecific() {
        Provider whole = provider("whole", null, "api.example.test");
        Provider admin = provider("admin", null, "https://api.example.test/admin/");
        Provider twin = provider("twin", null, "api.example.test");
        RouteTable table = new RouteTable(targets(whole), List.of(admin, twin, storage));
        assertInstanceOf(RouteTable.Inject.class, table.decide("api.example.test", 443, "/users"),
                "a route as specific as the allowed one does not take it away");
        assertEquals(new RouteTable.Withheld("admin"), table.decide("api.example.test", 443, "/admin/keys"));
        assertEquals(new RouteTable.Withheld("storage"), table.decide("storage.googleapis.com", 443, "/b"));
        assertEquals(new RouteTable.Pass("no route"), table.decide("elsewhere.test", 443, "/"));
        assertTrue(table.intercepts("api.example.test", 443));
        assertFalse(table.intercepts("storage.googleapis.com", 443), "a withheld host is tunnelled blind");
        assertEquals("storage", table.withheld("storage.googleapis.com", 443));
        assertEquals(null, table.withheld("elsewhere.test", 443));
    }

    @Test
    void aCredentialNeverGoesOutInPlainHttpButToThisMachine() {
        Provider local = provider("local", null, "http://127.0.0.1:8080/");
        RouteTable table = new RouteTable(targets(gitlab, local));
        assertEquals(new RouteTable.Pass("plain http"),
                table.decide(new Exchange.Target(false, "gitlab.com", 443, "/api/v4/projects")));
        assertInstanceOf(RouteTable.Inject.class, table.decide(new Exchange.Target(true, "gitlab.com", 443, "/api/v4/projects")));
        assertInstanceOf(RouteTable.Inject.class, table.decide(new Exchange.Target(false, "127.0.0.1", 8080, "/v1")),
                "plain HTTP to a loopback API stays on this machine");
    }
}
