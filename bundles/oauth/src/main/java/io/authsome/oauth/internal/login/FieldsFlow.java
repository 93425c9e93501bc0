package io.authsome.oauth.internal.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.plugin.InvalidFieldException;
import io.authsome.api.plugin.MintException;
import io.authsome.api.plugin.MintedToken;
import io.authsome.api.plugin.TokenMinter;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ConnectionState;
import io.authsome.api.vault.Secret;
import io.authsome.common.plugin.ExportedFields;
import io.authsome.common.plugin.Plugins;
import io.authsome.common.plugin.RuntimeMintContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code fields} flow of {@code auth_type plugin} providers: asks for each field the
 * provider's plugin declares ({@link FieldInput}), lets the plugin check them, and returns the
 * connection: secret fields as its secrets, the others (with what the check found, the
 * {@value #FIELDS} it holds, {@code source}, {@code base_url} and {@code requested_scopes}) as
 * its attributes. For a {@link TokenMinter} the first token is minted here, which proves the key
 * material; a failed check or mint stores nothing.
 */
@Component(property = LoginFlow.FLOW + "=fields")
public final class FieldsFlow implements LoginFlow {
    /** The attribute listing the names of the fields a connection holds, secret or not. */
    static final String FIELDS = ExportedFields.NAMES;
    /** Attributes the connection keeps for itself, which no plugin field or check result may take. */
    static final Set<String> OWN_ATTRIBUTES = Set.of(Connection.FLOW, Connection.CLIENT_ID, Connection.ISSUED_AT,
            Connection.MINTED_BY, Connection.ACCESS_TOKEN, Connection.REFRESH_TOKEN, Connection.API_KEY, FIELDS,
            "source", "scopes", "last_error", RuntimeMintContext.BASE_URL, RuntimeMintContext.REQUESTED_SCOPES);

    private final Plugins<CredentialInjector> injectors = new Plugins<>();
    private final Plugins<TokenMinter> minters = new Plugins<>();

    @Reference
    private Configuration configuration;

    public FieldsFlow() {
    }

    /** For tests: the configuration; plugins are added with {@link #addInjector} and {@link #addMinter}. */
    FieldsFlow(Configuration configuration) {
        this.configuration = configuration;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInjector(CredentialInjector injector, Map<String, Object> properties) {
        injectors.add(injector, properties);
    }

    void removeInjector(CredentialInjector injector, Map<String, Object> properties) {
        injectors.remove(injector, properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMinter(TokenMinter minter, Map<String, Object> properties) {
        minters.add(minter, properties);
    }

    void removeMinter(TokenMinter minter, Map<String, Object> properties) {
        minters.remove(minter, properties);
    }

    @Override
    public Connection login(LoginRequest request) throws AuthsomeException {
        Provider provider = request.provider();
        String id = provider.definition().injector();
        CredentialPlugin plugin = minters.find(id).<CredentialPlugin>map(m -> m)
                .or(() -> injectors.find(id)).orElseThrow(() -> Plugins.missing(provider));
        FieldInput input = new FieldInput(provider.name(), provider.definition().displayName(), request.interaction(),
                !request.noBrowser());
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> sources = new LinkedHashSet<>();
        for (CredentialField field : declared(plugin, id)) {
            Optional<FieldInput.Answer> answer = input.read(field);
            if (answer.isPresent()) {
                values.put(field.name(), answer.get().value());
                sources.add(answer.get().source());
            }
        }
        String connectionId = provider.name() + "/" + request.connection();
        Map<String, String> found = check(plugin, id, ConnectionFields.of(connectionId, values));

        Map<String, Secret> secrets = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (CredentialField field : plugin.fields()) {
            String value = values.get(field.name());
            if (value != null) {
                if (field.secret()) {
                    secrets.put(field.name(), Secret.of(value));
                } else {
                    attributes.put(field.name(), value);
                }
            }
        }
        found.forEach((name, value) -> {
            if (!OWN_ATTRIBUTES.contains(name) && !values.containsKey(name) && value != null) {
                attributes.put(name, value);
            }
        });
        attributes.put(FIELDS, String.join(",", values.keySet()));
        attributes.put("source", String.join(",", sources));
        if (request.baseUrl() != null) {
            attributes.put(RuntimeMintContext.BASE_URL, request.baseUrl());
        }
        if (!request.scopes().isEmpty()) {
            attributes.put(RuntimeMintContext.REQUESTED_SCOPES, String.join(" ", request.scopes()));
        }
        Instant now = Instant.now();
        Instant expiresAt = null;
        if (plugin instanceof TokenMinter minter) {
            MintedToken token = mint(minter, id, ConnectionFields.of(connectionId, values), attributes, request);
            secrets.put(Connection.ACCESS_TOKEN, token.token());
            expiresAt = token.expiresAt();
            attributes.put(Connection.ISSUED_AT, now.toString());
            attributes.put(Connection.MINTED_BY, id);
            if (token.scope() != null) {
                attributes.put("scopes", token.scope());
            }
        }
        return new Connection(provider.name(), request.connection(), ConnectionState.CONNECTED, secrets, attributes,
                now, now, expiresAt);
    }

    /** The plugin's fields; one whose name the connection keeps for itself is the plugin's bug. */
    private static Iterable<CredentialField> declared(CredentialPlugin plugin, String id) throws AuthsomeException {
        for (CredentialField field : plugin.fields()) {
            if (OWN_ATTRIBUTES.contains(field.name())) {
                throw new AuthsomeException(ErrorCode.UNEXPECTED, "the plugin '" + id + "' declares a field '"
                        + field.name() + "', a name a connection keeps for itself", "report it to the plugin's authors");
            }
        }
        return plugin.fields();
    }

    private static Map<String, String> check(CredentialPlugin plugin, String id, ConnectionFields fields)
            throws AuthsomeException {
        try {
            Map<String, String> found = plugin.check(fields);
            return found == null ? Map.of() : found;
        } catch (InvalidFieldException e) {
            String label = plugin.fields().stream().filter(field -> field.name().equals(e.field())).findFirst()
                    .map(CredentialField::label).orElse(e.field());
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, label + " (" + e.field() + "): " + e.getMessage()
                    + "; nothing was stored", "check the value and run the login again");
        } catch (RuntimeException e) {
            throw pluginFailed(id, e);
        }
    }

    private MintedToken mint(TokenMinter minter, String id, ConnectionFields fields, Map<String, String> attributes,
                             LoginRequest request) throws AuthsomeException {
        try {
            return minter.mint(fields, RuntimeMintContext.of(configuration.current().http(), attributes,
                    request.interaction().verbose() ? LoginService.traceTo(request.interaction()) : null));
        } catch (MintException e) {
            String message = "the first token for " + request.provider().name() + " could not be minted: "
                    + e.getMessage() + "; nothing was stored";
            if (e.rejected()) {
                throw new LoginFailure(LoginFailure.Reason.PROVIDER_REFUSED, ErrorCode.AUTHENTICATION_FAILED, message,
                        "check the values (a revoked key, the wrong id) and run the login again");
            }
            throw new LoginFailure(LoginFailure.Reason.ENDPOINT_UNREACHABLE, ErrorCode.ENDPOINT_UNREACHABLE, message,
                    "try again when the service answers");
        } catch (RuntimeException e) {
            throw pluginFailed(id, e);
        }
    }

    /** A plugin's bug fails the login; its message may hold a value, so only its type is shown. */
    private static AuthsomeException pluginFailed(String id, RuntimeException e) {
        return new AuthsomeException(ErrorCode.UNEXPECTED, "the plugin '" + id + "' failed ("
                + e.getClass().getSimpleName() + "); nothing was stored", "report it to the plugin's authors");
    }
}
