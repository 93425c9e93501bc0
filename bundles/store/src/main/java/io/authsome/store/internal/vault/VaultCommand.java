package io.authsome.store.internal.vault;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Text;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.vault.Secret;
import io.authsome.api.vault.Vault;
import io.authsome.store.internal.StoreMigration;
import io.authsome.store.internal.VaultComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vault rekey [--mode key-file|passphrase]}: a new master key (and, in passphrase mode, a
 * new passphrase from {@code AUTHSOME_NEW_PASSPHRASE} or a masked prompt); every record is
 * re-encrypted. {@code vault members ...}: the members of a shared store ({@link Members}).
 */
@CommandSpec(name = "vault", summary = "Rekey the vault; the members of a shared store",
        description = "Vault maintenance: 'vault rekey' makes a new master key and re-encrypts every record;"
                + " 'vault members' lists, adds and removes the members of a shared store.",
        secrets = AuthsomeCommand.SECRETS_ALWAYS)
@Component(scope = ServiceScope.PROTOTYPE)
@Command(subcommands = {VaultCommand.Rekey.class, VaultCommand.Migrate.class, Members.class})
public final class VaultCommand implements AuthsomeCommand {
    /** Environment variable holding the new passphrase for a rekey into passphrase mode. */
    static final String NEW_PASSPHRASE_ENV = SecretVariables.NEW_PASSPHRASE;

    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    /** The backend of the records, for {@code members}. */
    @Reference
    private VaultComponent records;

    /** Runs only without an action, which the console already refuses. */
    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        throw new AuthsomeException(ErrorCode.USAGE, "vault needs an action: rekey, migrate, members",
                "authsome help vault");
    }

    StoreBackend backend() throws AuthsomeException {
        return records.backend();
    }

    void audit(String outcome, String event, Map<String, Object> details) {
        audit.record(new AuditEvent(event, null, null, null, outcome, details));
    }

    /**
     * {@code vault rekey}: a new master key, every record re-encrypted. On a team store: a new data
     * key for the team, or, with {@code --mode}, this home's member key protected anew.
     */
    @Command(name = "rekey", description = "Make a new master key (and, with --mode passphrase, a new passphrase)"
            + " and re-encrypt every record. On a team store: a new data key for the team; with --mode, this"
            + " home's member key under a new passphrase (passphrase) or none (key-file).")
    static final class Rekey implements AuthsomeCommand {
        @ParentCommand
        private VaultCommand parent;

        @Option(names = "--mode", paramLabel = "MODE",
                description = "key-file or passphrase (default: the current mode; key-file for a new vault).")
        private String mode;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            boolean team = parent.backend().members().isPresent();
            String current = parent.vault.encryptionMode();
            String target = mode != null ? mode : team ? "team" : current.equals("passphrase") ? "passphrase" : "key-file";
            Secret passphrase = target.equals("passphrase") ? newPassphrase(context) : null;
            int count;
            try {
                count = parent.vault.rekey(target, passphrase);
            } catch (AuthsomeException e) {
                parent.audit(AuditEvent.FAILURE, "rekey", Map.of("reason", e.code().name()));
                throw e;
            }
            parent.audit(AuditEvent.SUCCESS, "rekey", Map.of("mode", target, "records", count));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("mode", target);
            data.put("records", count);
            return CommandResult.of(data, new Text(!team
                    ? "New master key in place (" + target + " mode); " + count + " encrypted files re-encrypted."
                    : target.equals("team") ? "New data key for " + parent.backend().describe() + "; " + count
                    + " sealed values re-encrypted, and the key wrapped for every member."
                    : "This home's member key (member.key) is now " + (passphrase == null
                    ? "kept without a passphrase (mode 0600)" : "protected by the new passphrase")
                    + "; the team's records are unchanged."));
        }
    }

    /** {@code vault migrate --to file|postgres}: the home's records copied to another store, which it then uses. */
    @Command(name = "migrate", description = "Copy every profile, connection and OAuth client to another store,"
            + " read each back, and switch the home to it (store.backend). The store copied from is left as it is;"
            + " running it again is safe.")
    static final class Migrate implements AuthsomeCommand {
        @ParentCommand
        private VaultCommand parent;

        @Option(names = "--to", required = true, paramLabel = "STORE", description = "file or postgres.")
        private String to;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            String from = parent.records.backend().describe();
            StoreMigration.Report report;
            try {
                report = parent.records.migrate(to);
            } catch (AuthsomeException e) {
                parent.audit(AuditEvent.FAILURE, "vault_migrated", Map.of("to", to, "reason", e.code().name()));
                throw e;
            }
            String target = parent.records.backend().describe();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("to", to);
            data.put("profiles", report.profiles());
            data.put("connections", report.connections());
            data.put("clients", report.clients());
            data.put("providers", report.providers());
            data.put("only_in_target", report.onlyInTarget());
            parent.audit(AuditEvent.SUCCESS, "vault_migrated", data);
            return CommandResult.of(data, new Text("Copied " + count(report.profiles(), "profile") + ", "
                    + count(report.connections(), "connection") + ", " + count(report.clients(), "OAuth client")
                    + " and " + count(report.providers(), "custom provider")
                    + " from " + from + " to " + target + "; each read back the same."
                    + (report.onlyInTarget() == 0 ? "" : " " + count(report.onlyInTarget(), "connection")
                    + " that only the target had were left as they were.") + "\nThis home now uses " + target
                    + " (store.backend " + to + "). The records copied from are unchanged."));
        }

        private static String count(int n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }
    }

    private static Secret newPassphrase(CommandContext context) throws AuthsomeException {
        Optional<Secret> fromEnv = context.secretVariable(NEW_PASSPHRASE_ENV);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        Optional<Secret> first = context.readSecret("New vault passphrase: ");
        if (first.isEmpty()) {
            throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "no new passphrase given",
                    "set " + NEW_PASSPHRASE_ENV + " or run on a terminal");
        }
        if (context.interactive()) {
            Optional<Secret> again = context.readSecret("Repeat the passphrase: ");
            if (again.isEmpty() || !again.get().matches(first.get())) {
                throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "the passphrases differ; nothing was changed",
                        "authsome vault rekey --mode passphrase");
            }
        }
        return first.get();
    }
}
