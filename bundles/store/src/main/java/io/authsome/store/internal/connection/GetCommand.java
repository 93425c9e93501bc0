package io.authsome.store.internal.connection;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.credential.CredentialResolver;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.ProfileStore;
import io.authsome.common.connection.ShownState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code get <provider> [--connection N] [--field F] [--show-secret]}: a connection's metadata;
 * secret values only with {@code --show-secret}, which is audited.
 */
@CommandSpec(name = "get", summary = "Show a connection (secrets only with --show-secret)",
        description = "Show a connection; secret values only with --show-secret.",
        secrets = "--show-secret")
@Component(scope = ServiceScope.PROTOTYPE)
public final class GetCommand implements AuthsomeCommand {
    @Mixin
    private ConnectionArguments arguments = new ConnectionArguments();

    @Option(names = "--field", paramLabel = "FIELD", description = "Print only this field (e.g. api_key, state).")
    private String field;

    @Option(names = "--show-secret", description = "Show secret values (audited).")
    private boolean showSecret;

    @Reference
    private ConnectionTargets targets;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        ConnectionArguments.Target target = arguments.resolve(targets, context);
        String provider = target.provider().name();
        ProfileStore store = target.store();
        String chosen = target.connection();
        Connection found = current(targets.resolver(context), store, provider, chosen);
        // without --connection the target is the default connection: no second look-up
        boolean isDefault = arguments.connection == null
                || store.defaultConnection(provider).map(chosen::equals).orElse(false);
        Map<String, Object> view = ConnectionView.of(found, store.name(), isDefault, showSecret);
        show(view, ShownState.of(found, Instant.now()));
        if (field != null) {
            // the field is checked first: a read that fails reveals nothing and is not audited as one
            CommandResult result = fieldOf(found, view);
            if (found.secrets().containsKey(field)) {
                auditSecretRead(store, provider, chosen);
            }
            return result;
        }
        if (showSecret) {
            auditSecretRead(store, provider, chosen);
        }
        List<List<String>> rows = new ArrayList<>();
        view.forEach((key, value) -> {
            if (!key.equals("secrets") && value != null) {
                rows.add(List.of(key, String.valueOf(value)));
            }
        });
        ((Map<?, ?>) view.get("secrets")).forEach((key, value) -> rows.add(List.of(String.valueOf(key),
                String.valueOf(value))));
        return CommandResult.of(view, new Table(List.of("FIELD", "VALUE"), rows));
    }

    private void auditSecretRead(ProfileStore store, String provider, String chosen) {
        audit.record(AuditEvent.of("get_secret", store.name(), provider, chosen, AuditEvent.SUCCESS)
                .with("field", field == null ? "all" : field));
    }

    /** The state the view shows is the true one (see {@link ShownState}), with its next step. */
    private static void show(Map<String, Object> view, ShownState shown) {
        view.put("state", shown.state().id());
        view.remove("next_step");
        if (shown.nextStep() != null) {
            view.put("next_step", shown.nextStep());
        }
    }

    /**
     * The connection refreshed first when it is due. Without {@code --show-secret} a failed refresh
     * does not hide the connection: its metadata, with the state the failure left, is the answer.
     */
    private Connection current(CredentialResolver resolver, ProfileStore store, String provider, String chosen)
            throws AuthsomeException {
        try {
            return resolver.resolve(store.name(), provider, chosen);
        } catch (AuthsomeException e) {
            if (showSecret || e.code() != io.authsome.api.ErrorCode.CREDENTIAL_UNAVAILABLE) {
                throw e;
            }
            return store.read(provider, chosen);
        }
    }

    private CommandResult fieldOf(Connection found, Map<String, Object> view) throws AuthsomeException {
        Object value;
        if (found.secrets().containsKey(field)) {
            if (!showSecret) {
                throw new AuthsomeException(ErrorCode.USAGE, "field " + field + " is secret",
                        "add --show-secret to print it (the access is audited)");
            }
            value = found.secrets().get(field).reveal();
        } else if (view.containsKey(field) && !field.equals("secrets")) {
            value = view.get(field);
        } else {
            throw new AuthsomeException(ErrorCode.USAGE, "connection " + found.id() + " has no field " + field,
                    "fields: " + String.join(", ", view.keySet()).replace("secrets", String.join(", ", found.secrets().keySet())));
        }
        return CommandResult.of(Map.of(field, value == null ? "" : value), new Text(String.valueOf(value)));
    }
}
