package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client secret of a login comes from the secret variable the invocation handed over. */
class ClientSourceTest {
    private static final OAuthClient STORED = new OAuthClient("github", "stored-id", Secret.of("stored-secret"),
            Map.of("registered", "user"), Instant.parse("2025-01-01T00:00:00Z"));

    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        }));
    }

    private static LoginRequest request(Optional<Secret> clientSecret) {
        Provider github = new Provider(new ProviderDefinition(1, "github", "GitHub", AuthType.OAUTH2, Flow.PKCE,
                List.of(), List.of(), HeaderInjection.BEARER, null, null, Map.of(), null, Map.of()),
                ProviderSource.BUNDLED, "test");
        LoginInteraction interaction = (LoginInteraction) Proxy.newProxyInstance(LoginInteraction.class.getClassLoader(),
                new Class<?>[] {LoginInteraction.class}, (proxy, method, args) -> {
                    if (method.getName().equals("secretVariable") && args[0].equals(SecretVariables.CLIENT_SECRET)) {
                        return clientSecret;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new LoginRequest(github, "default", "default", List.of(), null, null, true, Duration.ofSeconds(5),
                interaction);
    }

    @Test
    void aClientSecretHandedOverByTheInvocationReplacesTheStoredOne() throws AuthsomeException {
        ProfileStore store = fake(ProfileStore.class, Map.of("client", Optional.of(STORED)));

        ClientSource.Chosen chosen = ClientSource.obtain(store, request(Optional.of(Secret.of("from-the-client"))),
                Flow.PKCE, null);

        assertTrue(chosen.given());
        assertEquals("stored-id", chosen.client().clientId());
        assertEquals("from-the-client", chosen.client().clientSecret().reveal());
    }

    @Test
    void withoutOneTheStoredClientIsUsed() throws AuthsomeException {
        ProfileStore store = fake(ProfileStore.class, Map.of("client", Optional.of(STORED)));

        ClientSource.Chosen chosen = ClientSource.obtain(store, request(Optional.empty()), Flow.PKCE, null);

        assertFalse(chosen.given());
        assertSame(STORED, chosen.client());
    }
}
