package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.authsome.api.AuthsomeException;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderFormat;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.Route;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialSourceTest {
    /** A resolver that hands out {@code stored}, and {@code refreshed} when asked to refresh. */
    private static final class FakeResolver implements CredentialResolver {
        String stored;
        String refreshed;
        final List<String> calls = new ArrayList<>();

        @Override
        public Connection resolve(String profile, String provider, String connection) {
            calls.add("resolve");
            return Connection.apiKey(provider, connection, Secret.of(stored), Map.of(), Instant.now());
        }

        @Override
        public Connection refresh(String profile, String provider, String connection) {
            calls.add("refresh");
            stored = refreshed;
            return resolve(profile, provider, connection);
        }
    }

    private static RouteTable.Target target(HeaderInjection injection) {
        ProviderDefinition definition = new ProviderDefinition(1, "acme", "Acme", AuthType.API_KEY, Flow.API_KEY,
                List.of(Route.parse("api.acme.test")), List.of(), injection, null, null, Map.of(), null, Map.of());
        return new RouteTable.Target(new Provider(definition, ProviderSource.CUSTOM, "acme.json"), "default",
                definition.routes(), ConnectionState.CONNECTED);
    }

    @Test
    void theHeaderHasTheProviderShape() throws AuthsomeException {
        FakeResolver resolver = new FakeResolver();
        resolver.stored = "k1";
        CredentialSource source = new CredentialSource(resolver, new Injectors(), "default");
        assertEquals(new CredentialSource.Header("Authorization", "Bearer k1"), source.header(target(HeaderInjection.BEARER)));
        assertEquals(new CredentialSource.Header("X-Api-Key", "k1"),
                source.header(target(new HeaderInjection("X-Api-Key", "", HeaderFormat.RAW))));
        assertEquals("Basic azE6", source.header(target(new HeaderInjection("Authorization", "", HeaderFormat.BASIC))).value());
        assertFalse(source.header(target(HeaderInjection.BEARER)).toString().contains("k1"));
    }

    @Test
    void aCredentialAnotherProcessReplacedIsUsedWithoutARefresh() throws AuthsomeException {
        FakeResolver resolver = new FakeResolver();
        resolver.stored = "old";
        resolver.refreshed = "refreshed";
        CredentialSource source = new CredentialSource(resolver, new Injectors(), "default");
        CredentialSource.Header rejected = source.header(target(HeaderInjection.BEARER));
        resolver.stored = "replaced-by-another-login";
        assertEquals("Bearer replaced-by-another-login", source.renewed(target(HeaderInjection.BEARER), rejected).value());
        assertFalse(resolver.calls.contains("refresh"));
        CredentialSource.Header current = source.header(target(HeaderInjection.BEARER));
        assertEquals("Bearer refreshed", source.renewed(target(HeaderInjection.BEARER), current).value());
    }

    @Test
    void aCredentialWithALineBreakIsNeverSent() {
        FakeResolver resolver = new FakeResolver();
        resolver.stored = "key\r\nX-Injected: yes";
        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> new CredentialSource(resolver, new Injectors(), "default").header(target(HeaderInjection.BEARER)));
        assertFalse(e.getMessage().contains("X-Injected"), e.getMessage());
    }
}
