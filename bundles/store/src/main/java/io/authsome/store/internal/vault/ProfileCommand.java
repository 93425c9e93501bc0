package io.authsome.store.internal.vault;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
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

/** {@code profile list|create|use|delete [name]}: independent credential namespaces. */
@Command(name = "profile", description = "List, create, switch to or delete credential profiles.")
@Component(scope = ServiceScope.PROTOTYPE, property = {
        AuthsomeCommand.NAME + "=profile",
        AuthsomeCommand.SUMMARY + "=List, create, use or delete profiles",
        AuthsomeCommand.SECRETS + "=delete"})
public final class ProfileCommand implements AuthsomeCommand {
    /** What to do. */
    enum Action { LIST, CREATE, USE, DELETE }

    @Parameters(index = "0", paramLabel = "<action>", description = "list, create, use or delete.")
    private Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<name>", description = "Profile name.")
    private String name;

    @Reference
    private Vault vault;

    @Reference
    private AuditLog audit;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        if (action == Action.LIST) {
            return list();
        }
        if (name == null) {
            throw new AuthsomeException(ErrorCode.USAGE, "profile " + action.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a profile name", "authsome help profile");
        }
        String message;
        switch (action) {
            case CREATE -> {
                vault.createProfile(name);
                message = "Created profile " + name + ". Switch to it with: authsome profile use " + name;
            }
            case USE -> {
                vault.useProfile(name);
                message = "Profile " + name + " is now active.";
            }
            default -> {
                vault.deleteProfile(name);
                message = "Deleted profile " + name + " and its connections.";
            }
        }
        audit.record(new AuditEvent("profile_" + action.name().toLowerCase(java.util.Locale.ROOT), name, null, null,
                AuditEvent.SUCCESS, Map.of()));
        return CommandResult.of(Map.of("profile", name, "action", action.name().toLowerCase(java.util.Locale.ROOT)),
                new Text(message));
    }

    private CommandResult list() {
        String active = vault.activeProfile();
        List<Map<String, Object>> data = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (String profile : vault.profiles()) {
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
