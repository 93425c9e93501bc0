package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.store.internal.VaultComponent;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's resolver with a renewer that answers what each test needs: the store saves, marks
 * and audits; the renewer is asked only when a token is due, and never for an API key.
 */
class StoreCredentialResolverTest {
    @TempDir
    Path home;

    private final List<AuditEvent> events = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private TokenRenewer.Renewal answer;
    private StoreCredentialResolver resolver;
    private ProfileStore store;

    @BeforeEach
    void setUp() throws Exception {
        VaultComponent vault = new VaultComponent();
        Method activate = VaultComponent.class.getDeclaredMethod("activate", HomeLayout.class);
        activate.setAccessible(true);
        activate.invoke(vault, new HomeLayout(home));
        store = vault.profile("default");
        resolver = new StoreCredentialResolver();
        set("vault", vault);
        set("catalog", ResolverFixture.catalog());
        set("audit", ResolverFixture.audit(events));
        set("configuration", (Configuration) () -> Config.DEFAULTS);
        set("renewer", (TokenRenewer) (provider, connection, client, trace) -> {
            calls.incrementAndGet();
            return answer;
        });
    }

    @Test
    void anApiKeyIsReadWithoutTheRenewer() throws AuthsomeException {
        store.write(Connection.apiKey("openai", "default", Secret.of("sk-x"), Map.of(), Instant.now()), false);
        set("renewer", null);
        assertEquals("sk-x", resolver.resolve("default", "openai", "default").credential().orElseThrow().reveal());
        assertTrue(events.isEmpty());
    }

    @Test
    void aFreshTokenIsNotRenewed() throws AuthsomeException {
        store.write(token(Instant.now().plusSeconds(3600)), false);
        assertEquals("old", resolver.resolve("default", "github", "default").secrets().get("access_token").reveal());
        assertEquals(0, calls.get());
    }

    @Test
    void aDueTokenIsRenewedSavedAndAuditedKeepingAnUnrotatedRefreshToken() throws AuthsomeException {
        store.write(token(Instant.now().plusSeconds(60)), false);
        answer = TokenRenewer.Renewal.renewed(new TokenRenewer.Tokens(Secret.of("new"), null, 3600L, "repo"));
        Connection renewed = resolver.resolve("default", "github", "default");
        assertEquals(1, calls.get());
        assertEquals("new", renewed.secrets().get("access_token").reveal());
        assertEquals("rt", renewed.secrets().get("refresh_token").reveal());
        assertEquals("repo", renewed.attributes().get("scopes"));
        assertEquals("new", store.read("github", "default").secrets().get("access_token").reveal());
        assertEquals(List.of("refresh"), events.stream().map(AuditEvent::event).toList());
        assertEquals(AuditEvent.SUCCESS, events.get(0).outcome());
        assertEquals(Map.of(), events.get(0).details(), "a one-shot refresh is audited as before, without by");
    }

    @Test
    void aRejectedGrantMakesTheConnectionInvalid() throws AuthsomeException {
        store.write(token(Instant.now().plusSeconds(60)), false);
        answer = TokenRenewer.Renewal.failed(TokenRenewer.Failure.REJECTED_GRANT, "invalid_grant",
                "the token endpoint answered invalid_grant");
        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> resolver.resolve("default", "github", "default"));
        assertEquals(ErrorCode.CREDENTIAL_UNAVAILABLE, e.code());
        assertEquals("github rejected the refresh of connection default: the token endpoint answered invalid_grant",
                e.getMessage());
        Connection marked = store.read("github", "default");
        assertEquals(ConnectionState.INVALID, marked.state());
        assertEquals("invalid_grant", marked.attributes().get("last_error"));
        assertEquals("refresh_failed", events.get(0).event());
        assertEquals(AuditEvent.FAILURE, events.get(0).outcome());
        assertThrows(AuthsomeException.class, () -> resolver.resolve("default", "github", "default"));
        assertEquals(1, calls.get(), "an invalid connection is not presented again");
    }

    @Test
    void aTransientFailureBeforeExpiryKeepsTheTokenAndPastExpiryMarksItExpired() throws AuthsomeException {
        store.write(token(Instant.now().plusSeconds(60)), false);
        answer = TokenRenewer.Renewal.failed(TokenRenewer.Failure.TRANSIENT, "timeout", "the token endpoint timed out");
        Connection kept = resolver.resolve("default", "github", "default");
        assertEquals("old", kept.secrets().get("access_token").reveal());
        assertEquals(ConnectionState.CONNECTED, store.read("github", "default").state());

        store.write(token(Instant.now().minusSeconds(1)), true);
        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> resolver.resolve("default", "github", "default"));
        assertTrue(e.getMessage().endsWith("the state stays expired, not invalid"), e.getMessage());
        assertEquals(ConnectionState.EXPIRED, store.read("github", "default").state());
    }

    @Test
    void aRefreshAskedAfterARenewalByAnotherCallerUsesIt() throws AuthsomeException {
        store.write(token(Instant.now().plusSeconds(3600)), false);
        answer = TokenRenewer.Renewal.renewed(new TokenRenewer.Tokens(Secret.of("new"), Secret.of("rt2"), 3600L, null));
        Connection first = resolver.refresh("default", "github", "default");
        assertEquals("rt2", first.secrets().get("refresh_token").reveal());
        assertEquals(1, calls.get());
    }

    private static Connection token(Instant expires) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put(Connection.ACCESS_TOKEN, Secret.of("old"));
        secrets.put(Connection.REFRESH_TOKEN, Secret.of("rt"));
        Instant issued = expires.minusSeconds(3600);
        return new Connection("github", "default", ConnectionState.CONNECTED, secrets,
                Map.of(Connection.ISSUED_AT, issued.toString(), Connection.FLOW, "pkce"), issued, issued, expires);
    }

    private void set(String field, Object value) {
        try {
            Field f = StoreCredentialResolver.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(resolver, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
