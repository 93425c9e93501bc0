package io.authsome.oauth.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.credential.TokenRevoker;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.login.Logins;
import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.ClientAuthentication;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.provider.RevocationStyle;
import io.authsome.api.provider.TokenRequestFormat;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The orchestration of a login that the console's command and the dashboard share: the existing
 * connection is kept unless forced or upgraded, what the flow returns is stored, and the audit
 * says how it went and who asked.
 */
class LoginServiceTest {
    private static final Provider ACME = new Provider(new ProviderDefinition(1, "acme", "Acme", AuthType.API_KEY,
            Flow.API_KEY, List.of(), List.of(), HeaderInjection.BEARER, null, new ApiKeySettings(null, null, null),
            Map.of(), null, Map.of()), ProviderSource.BUNDLED, "test");
    private static final Provider HUB = new Provider(new ProviderDefinition(1, "hub", "Hub", AuthType.OAUTH2,
            Flow.PKCE, List.of(), List.of(), HeaderInjection.BEARER, new OAuthSettings("http://127.0.0.1/a",
            "http://127.0.0.1/t", null, null, null, null, null, List.of("read"), true, Map.of(),
            ClientAuthentication.CLIENT_SECRET_POST, RevocationStyle.RFC7009, TokenRequestFormat.FORM, null), null, Map.of(), null,
            Map.of()), ProviderSource.BUNDLED, "test");

    private final Map<String, Connection> stored = new LinkedHashMap<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();
    private final List<LoginRequest> ran = new ArrayList<>();
    private LoginService.FlowRunner flow = (chosen, request) -> Connection.apiKey(request.provider().name(),
            request.connection(), Secret.of("key-1"), Map.of(), Instant.now());

    private LoginService service() {
        ProviderCatalog catalog = proxy(ProviderCatalog.class, (method, args) -> switch (method) {
            case "find" -> Optional.of(args[0].equals("acme") ? ACME : HUB);
            default -> throw new UnsupportedOperationException(method);
        });
        ProfileStore store = proxy(ProfileStore.class, (method, args) -> switch (method) {
            case "name" -> "default";
            case "connections" -> stored.values().stream().filter(c -> c.provider().equals(args[0]))
                    .map(c -> new ConnectionInfo(c.provider(), c.name(), c.state(), true, c.attributes(),
                            c.updatedAt(), c.expiresAt())).toList();
            case "read" -> stored.get(args[0] + "/" + args[1]);
            case "write" -> {
                Connection connection = (Connection) args[0];
                String key = connection.provider() + "/" + connection.name();
                if (stored.containsKey(key) && !(Boolean) args[1]) {
                    throw new AuthsomeException(ErrorCode.CONNECTION_EXISTS, "exists", null);
                }
                stored.put(key, connection);
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
        Vault vault = proxy(Vault.class, (method, args) -> switch (method) {
            case "profile" -> store;
            default -> throw new UnsupportedOperationException(method);
        });
        AuditLog audit = proxy(AuditLog.class, (method, args) -> {
            audited.add((AuditEvent) args[0]);
            return null;
        });
        TokenRevoker revoker = proxy(TokenRevoker.class, (method, args) -> {
            Connection retired = (Connection) args[1];
            revoked.addAll(retired.secrets().keySet());
            return new TokenRevoker.Outcome(retired.name(), null);
        });
        return new LoginService(catalog, vault, audit, revoker, (chosen, request) -> {
            ran.add(request);
            return flow.run(chosen, request);
        });
    }

    private LoginInteraction interaction() {
        return proxy(LoginInteraction.class, (method, args) -> switch (method) {
            case "tell" -> {
                told.add((String) args[0]);
                yield null;
            }
            case "verbose" -> false;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private static Logins.Order order(String provider, String connection, List<String> scopes, boolean force,
                                      String via) {
        return new Logins.Order(provider, null, "default", connection, scopes, null, null, force, false,
                Duration.ofSeconds(5), via);
    }

    @Test
    void whatTheFlowReturnsIsStoredAndTheLoginAuditedWithWhoAsked() throws AuthsomeException {
        Logins.Outcome outcome = service().login(order("acme", "default", List.of(), false, "ui"), interaction());

        assertEquals("Logged in to Acme as connection 'default' in profile default.", outcome.describe());
        assertEquals("api_key", outcome.flow());
        assertEquals("api_key", stored.get("acme/default").attributes().get(Connection.FLOW));
        AuditEvent login = audited.get(0);
        assertEquals("login", login.event());
        assertEquals(AuditEvent.SUCCESS, login.outcome());
        assertEquals("ui", login.details().get("via"));
        assertEquals("api_key", login.details().get("flow"));
    }

    @Test
    void theCommandLinesLoginCarriesNoVia() throws AuthsomeException {
        service().login(order("acme", "default", List.of(), false, null), interaction());

        assertTrue(!audited.get(0).details().containsKey("via"), audited.toString());
    }

    @Test
    void anExistingConnectionIsKeptWithoutForceAndTheFlowNeverRuns() throws AuthsomeException {
        LoginService service = service();
        service.login(order("acme", "default", List.of(), false, "ui"), interaction());
        ran.clear();

        AuthsomeException refused = assertThrows(AuthsomeException.class,
                () -> service.login(order("acme", "default", List.of(), false, "ui"), interaction()));

        assertEquals(ErrorCode.CONNECTION_EXISTS, refused.code());
        assertTrue(refused.nextStep().contains("--force"), refused.nextStep());
        assertEquals(List.of(), ran);
        flow = (chosen, request) -> Connection.apiKey("acme", "default", Secret.of("key-2"), Map.of(), Instant.now());
        service.login(order("acme", "default", List.of(), true, "ui"), interaction());
        assertEquals("key-2", stored.get("acme/default").secrets().get(Connection.API_KEY).reveal());
    }

    @Test
    void askingForScopesTheConnectionLacksLogsInAgainReplacesItAndRevokesTheOldTokens() throws AuthsomeException {
        stored.put("hub/default", oauth("old-access", "old-refresh", "read"));
        flow = (chosen, request) -> oauth("new-access", "new-refresh", String.join(" ", request.scopes()));

        Logins.Outcome outcome = service().login(order("hub", "default", List.of("read", "write"), false, "ui"),
                interaction());

        assertEquals(List.of("write"), outcome.scopeUpgrade());
        assertEquals("read write", stored.get("hub/default").attributes().get("scopes"));
        assertTrue(told.get(0).contains("holds read but not write"), told.toString());
        assertEquals(java.util.Set.of(Connection.ACCESS_TOKEN, Connection.REFRESH_TOKEN), java.util.Set.copyOf(revoked),
                "both old tokens, in whatever order the record holds them");
        assertEquals("write", audited.get(0).details().get("scope_upgrade"));
        assertEquals("revoke", audited.get(1).event());
        assertEquals("ui", audited.get(1).details().get("via"));
    }

    @Test
    void aFailedFlowIsAuditedWithItsReasonAndStoresNothing() {
        flow = (chosen, request) -> {
            throw new LoginFailure(LoginFailure.Reason.NO_KEY, ErrorCode.AUTHENTICATION_FAILED, "no key", null);
        };

        assertThrows(LoginFailure.class,
                () -> service().login(order("acme", "default", List.of(), false, "ui"), interaction()));

        assertEquals(Map.of(), stored);
        assertEquals(AuditEvent.FAILURE, audited.get(0).outcome());
        assertEquals("no_key", audited.get(0).details().get("reason"));
        assertEquals("ui", audited.get(0).details().get("via"));
    }

    private static Connection oauth(String access, String refresh, String scopes) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put(Connection.ACCESS_TOKEN, Secret.of(access));
        secrets.put(Connection.REFRESH_TOKEN, Secret.of(refresh));
        Instant now = Instant.now();
        return new Connection("hub", "default", ConnectionState.CONNECTED, secrets, Map.of("scopes", scopes), now, now,
                now.plusSeconds(3600));
    }

    /** An implementation of {@code type} whose methods {@code answer} by name. */
    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.isDefault()
                        ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                        : answer.answer(method.getName(), args)));
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }
}
