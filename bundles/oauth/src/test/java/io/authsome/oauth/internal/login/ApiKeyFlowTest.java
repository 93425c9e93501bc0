package io.authsome.oauth.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.authsome.api.AuthsomeException;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code api_key} flow takes the key from the invocation's environment, not the process's. */
class ApiKeyFlowTest {
    /** A variable no process running the tests sets. */
    private static final String VARIABLE = "API_KEY_FLOW_TEST_ACME_KEY";

    private final List<String> asked = new ArrayList<>();

    private LoginRequest request(Map<String, String> environment) {
        Provider acme = new Provider(new ProviderDefinition(1, "acme", "Acme", AuthType.API_KEY, Flow.API_KEY,
                List.of(), List.of(), HeaderInjection.BEARER, null, new ApiKeySettings(null, null, VARIABLE), Map.of(),
                null, Map.of()), ProviderSource.BUNDLED, "test");
        LoginInteraction interaction = (LoginInteraction) Proxy.newProxyInstance(LoginInteraction.class.getClassLoader(),
                new Class<?>[] {LoginInteraction.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "environment" -> environment;
                    case "askSecret" -> {
                        asked.add((String) args[0]);
                        yield Optional.of(Secret.of("typed-key"));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new LoginRequest(acme, "default", "default", List.of(), null, null, true, Duration.ofSeconds(5),
                interaction);
    }

    @Test
    void theKeyComesFromTheInvocationsEnvironment() throws AuthsomeException {
        assertNull(System.getenv(VARIABLE), "the test needs the variable unset in its own process");

        Connection connection = new ApiKeyFlow().login(request(Map.of(VARIABLE, " key-from-the-client \n")));

        assertEquals("key-from-the-client", connection.secrets().get(Connection.API_KEY).reveal());
        assertEquals("env:" + VARIABLE, connection.attributes().get("source"));
        assertEquals(List.of(), asked);
    }

    @Test
    void withoutTheVariableInTheInvocationTheKeyIsAskedFor() throws AuthsomeException {
        Connection connection = new ApiKeyFlow().login(request(Map.of("OTHER", "x")));

        assertEquals("typed-key", connection.secrets().get(Connection.API_KEY).reveal());
        assertEquals("input", connection.attributes().get("source"));
        assertEquals(List.of("Acme API key: "), asked);
    }
}
