package io.authsome.store.internal.vault;

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
import io.authsome.api.vault.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code profile list|create|use|delete [name]}: independent credential namespaces. Each action is
 * a subcommand.
 */
@CommandSpec(name = "profile", summary = "List, create, use or delete profiles",
        description = "List, create, switch to or delete credential profiles.",
        secrets = "delete")
@Component(scope = ServiceScope.PROTOTYPE)
@Command(subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.Create.class, ProfileCommand.Use.class,
        ProfileCommand.Delete.class})
public final class ProfileCommand implements AuthsomeCommand {
    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    /** Runs only without an action, which the console already refuses. */
    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        throw new AuthsomeException(ErrorCode.USAGE, "profile needs an action: list, create, use, delete",
                "authsome help profile");
    }

    /** {@code profile list}: the profiles, the active one marked. */
    @Command(name = "list", description = "List the profiles; the active one is marked.")
    static final class ListProfiles implements AuthsomeCommand {
        @ParentCommand
        private ProfileCommand parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            String active = parent.vault.activeProfile();
            List<Map<String, Object>> data = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (String profile : parent.vault.profiles()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", profile);
                entry.put("active", profile.equals(active));
                data.add(entry);
                rows.add(List.of(profile.equals(active) ? "*" : "", profile));
            }
            return CommandResult.of(Map.of("profiles", data, "active", active),
                    new Table(List.of("ACTIVE", "PROFILE"), rows));
        }
    }

    /** An action on one named profile: done, audited as {@code profile_<action>}, and told. */
    abstract static class Change implements AuthsomeCommand {
        @ParentCommand
        private ProfileCommand parent;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<name>", description = "Profile name.")
        private String name;

        /** Does the action on profile {@code name}; returns what to tell the user. */
        abstract String apply(Vault vault, String name) throws AuthsomeException;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            String message = apply(parent.vault, name);
            String action = spec.name();
            parent.audit.record(new AuditEvent("profile_" + action, name, null, null, AuditEvent.SUCCESS, Map.of()));
            return CommandResult.of(Map.of("profile", name, "action", action), new Text(message));
        }
    }

    /** {@code profile create <name>}. */
    @Command(name = "create", description = "Create a profile.")
    static final class Create extends Change {
        @Override
        String apply(Vault vault, String name) throws AuthsomeException {
            vault.createProfile(name);
            return "Created profile " + name + ". Switch to it with: authsome profile use " + name;
        }
    }

    /** {@code profile use <name>}. */
    @Command(name = "use", description = "Make a profile the active one.")
    static final class Use extends Change {
        @Override
        String apply(Vault vault, String name) throws AuthsomeException {
            vault.useProfile(name);
            return "Profile " + name + " is now active.";
        }
    }

    /** {@code profile delete <name>}. */
    @Command(name = "delete", description = "Delete a profile and its connections (not the active profile).")
    static final class Delete extends Change {
        @Override
        String apply(Vault vault, String name) throws AuthsomeException {
            vault.deleteProfile(name);
            return "Deleted profile " + name + " and its connections.";
        }
    }
}
