package io.authsome.store.internal.vault;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.store.Member;
import io.authsome.api.store.TeamMembers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vault members list|self|add|remove}: who may open a store that several homes share. A
 * member's public key lets it in; removing a member makes a new data key.
 */
@Command(name = "members", description = "The members of a shared store (store.backend postgres): list, self,"
        + " add NAME KEY, remove NAME.",
        subcommands = {Members.ListMembers.class, Members.Self.class, Members.Add.class, Members.Remove.class})
final class Members {
    @ParentCommand
    private VaultCommand parent;

    private TeamMembers members() throws AuthsomeException {
        return parent.backend().members().orElseThrow(() -> new AuthsomeException(ErrorCode.NOT_ALLOWED,
                "the store of this home is its own files, which have no members: members share a postgres store",
                "set store.backend to postgres (see docs/team.md)"));
    }

    private static Map<String, Object> json(Member member, boolean self) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", member.name());
        json.put("fingerprint", member.fingerprint());
        json.put("public_key", member.publicKey());
        json.put("added_at", member.addedAt() == null ? null : member.addedAt().toString());
        json.put("added_by", member.addedBy());
        json.put("self", self);
        return json;
    }

    /** {@code vault members list}. */
    @Command(name = "list", description = "List the members; this home's is marked.")
    static final class ListMembers implements AuthsomeCommand {
        @ParentCommand
        private Members parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            TeamMembers members = parent.members();
            String self = members.self().publicKey();
            List<Map<String, Object>> data = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (Member member : members.list()) {
                boolean own = member.publicKey().equals(self);
                data.add(json(member, own));
                rows.add(List.of(own ? "*" : "", member.name(), member.fingerprint(), String.valueOf(member.addedAt()),
                        member.addedBy()));
            }
            return CommandResult.of(Map.of("members", data), new Table(List.of("YOU", "MEMBER", "KEY", "ADDED", "BY"), rows));
        }
    }

    /** {@code vault members self}: this home's key, to hand to a member. */
    @Command(name = "self", description = "Show this home's member key, which a member adds to let it in.")
    static final class Self implements AuthsomeCommand {
        @ParentCommand
        private Members parent;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            Member self = parent.members().self();
            String text = self.addedAt() != null
                    ? "This home is the member '" + self.name() + "' (key " + self.fingerprint() + ", added by "
                    + self.addedBy() + ")."
                    : "This home is not a member yet. To let it in, a member runs:\n  authsome vault members add "
                    + self.name() + " " + self.publicKey();
            return CommandResult.of(json(self, true), new Text(text));
        }
    }

    /** {@code vault members add NAME KEY}. */
    @Command(name = "add", description = "Let a home in: wrap the data key for its member key"
            + " (which 'authsome vault members self' prints there).")
    static final class Add implements AuthsomeCommand {
        @ParentCommand
        private Members parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "The member's name, such as ci-runner-1.")
        private String name;

        @Parameters(index = "1", paramLabel = "KEY", description = "Its member key (authsome-member:...).")
        private String key;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            Member added = parent.members().add(name, key);
            parent.parent.audit(AuditEvent.SUCCESS, "member_added", Map.of("member", added.name(), "key",
                    added.fingerprint()));
            return CommandResult.of(json(added, false), new Text("Added member '" + added.name() + "' (key "
                    + added.fingerprint() + "): it opens the store from its next command."));
        }
    }

    /** {@code vault members remove NAME}. */
    @Command(name = "remove", description = "Remove a member and make a new data key: its key opens nothing"
            + " written from then on.")
    static final class Remove implements AuthsomeCommand {
        @ParentCommand
        private Members parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "The member to remove.")
        private String name;

        @Override
        public CommandResult execute(CommandContext context) throws AuthsomeException {
            int resealed = parent.members().remove(name);
            parent.parent.audit(AuditEvent.SUCCESS, "member_removed", Map.of("member", name, "records", resealed));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("member", name);
            data.put("records", resealed);
            return CommandResult.of(data, new Text("Removed member '" + name + "'. New data key in place; " + resealed
                    + " sealed values re-encrypted: the removed key opens nothing written from now on."));
        }
    }
}
