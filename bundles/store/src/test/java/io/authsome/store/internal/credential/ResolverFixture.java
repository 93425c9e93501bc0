package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.store.internal.VaultComponent;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The store's resolver over a real vault in a temporary home, wired as the framework would wire
 * it (without one): the renewer each test chooses, audit events kept in a list, one provider
 * ({@code github}, OAuth). Also what the child JVM of the cross-process tests builds.
 */
final class ResolverFixture {
    final VaultComponent vault;
    final StoreCredentialResolver resolver = new StoreCredentialResolver();
    final List<AuditEvent> events = new ArrayList<>();

    ResolverFixture(Path home, TokenRenewer renewer) {
        vault = vault(home);
        set(resolver, "vault", vault);
        set(resolver, "catalog", catalog());
        set(resolver, "audit", audit(events));
        set(resolver, "configuration", (Configuration) () -> Config.DEFAULTS);
        set(resolver, "renewer", renewer);
    }

    ProfileStore store() {
        try {
            return vault.profile("default");
        } catch (AuthsomeException e) {
            throw new AssertionError(e);
        }
    }

    /** The audit events so far (the background thread adds to them). */
    List<AuditEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** A background refresh over this fixture's vault and resolver, not started. */
    BackgroundRefresh background() {
        BackgroundRefresh background = unopened(new AtomicInteger());
        background.open();
        return background;
    }

    /** A background refresh whose services are not got yet; {@code got} counts the ones it gets. */
    BackgroundRefresh unopened(AtomicInteger got) {
        BackgroundRefresh background = new BackgroundRefresh();
        set(background, "vaults", serving(vault, got));
        set(background, "resolvers", serving(resolver, got));
        set(background, "configurations", serving((Configuration) () -> Config.DEFAULTS, got));
        return background;
    }

    /** What SCR hands a component for a reference it gets lazily. */
    private static <S> ComponentServiceObjects<S> serving(S service, AtomicInteger got) {
        return new ComponentServiceObjects<>() {
            @Override
            public S getService() {
                got.incrementAndGet();
                return service;
            }

            @Override
            public void ungetService(S ignored) {
            }

            @Override
            public ServiceReference<S> getServiceReference() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A vault component on {@code home}, activated as the framework would. */
    static VaultComponent vault(Path home) {
        try {
            VaultComponent vault = new VaultComponent();
            Method activate = VaultComponent.class.getDeclaredMethod("activate", HomeLayout.class);
            activate.setAccessible(true);
            activate.invoke(vault, new HomeLayout(home));
            return vault;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A {@code github} OAuth connection (flow {@code pkce}) whose access token lived an hour and
     * expires at {@code expires}.
     */
    static Connection token(String name, String access, String refresh, Instant expires) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put(Connection.ACCESS_TOKEN, Secret.of(access));
        secrets.put(Connection.REFRESH_TOKEN, Secret.of(refresh));
        Instant issued = expires.minusSeconds(3600);
        return new Connection("github", name, ConnectionState.CONNECTED, secrets,
                Map.of(Connection.ISSUED_AT, issued.toString(), Connection.FLOW, "pkce"), issued, issued, expires);
    }

    static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static AuditLog audit(List<AuditEvent> events) {
        return new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                synchronized (events) {
                    events.add(event);
                }
            }

            @Override
            public List<Map<String, Object>> tail(int count) {
                return List.of();
            }

            @Override
            public void follow(int count, Consumer<Map<String, Object>> sink) {
            }
        };
    }

    static ProviderCatalog catalog() {
        Provider github = new Provider(new ProviderDefinition(1, "github", "GitHub", AuthType.OAUTH2, Flow.PKCE,
                List.of(), List.of(), HeaderInjection.BEARER, null, null, Map.of(), null, Map.of()),
                ProviderSource.BUNDLED, "test");
        return new ProviderCatalog() {
            @Override
            public List<Provider> providers() {
                return List.of(github);
            }

            @Override
            public Optional<Provider> find(String name) {
                return "github".equals(name) ? Optional.of(github) : Optional.empty();
            }

            @Override
            public List<ProviderProblem> problems() {
                return List.of();
            }

            @Override
            public List<String> closestNames(String name, int max) {
                return List.of();
            }

            @Override
            public ProviderDefinition validate(byte[] json, String origin) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Provider register(byte[] json, String origin, boolean force) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Provider remove(String name) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
