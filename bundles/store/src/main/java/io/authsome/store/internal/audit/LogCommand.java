package io.authsome.store.internal.audit;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.audit.AuditLog;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.Block;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.CommandSpec;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.store.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import io.authsome.store.internal.VaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;

/**
 * {@code log [-n N] [--follow] [--local]}: the recent audit events, or a live view of new ones:
 * of every runtime when the home uses a shared store (with the host, runtime and member of each),
 * else, or with {@code --local}, of this home's {@code audit.log}.
 */
@CommandSpec(name = "log", summary = "Show recent audit events",
        description = "Show recent audit events; with --follow, print new ones as they are recorded. With a shared"
                + " store, the events of every runtime that uses it; --local for this home's audit.log.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class LogCommand implements AuthsomeCommand {
    static final List<String> COLUMNS = List.of("TIME", "EVENT", "PROFILE", "PROVIDER", "CONNECTION", "OUTCOME");
    static final List<String> MEMBERS = List.of("time", "event", "profile", "provider", "connection",
            "outcome");
    private static final List<String> TEAM_COLUMNS = List.of("TIME", "HOST", "MEMBER", "EVENT", "PROFILE",
            "PROVIDER", "CONNECTION", "OUTCOME");
    private static final List<String> TEAM_MEMBERS = List.of("time", "host", "member", "event", "profile",
            "provider", "connection", "outcome");
    /** Column widths of --follow text lines (a table cannot be aligned before its rows are known). */
    private static final Map<String, Integer> WIDTHS = Map.of("time", 24, "host", 16, "member", 12, "event", 14,
            "profile", 10, "provider", 16, "connection", 12);

    @Option(names = "-n", paramLabel = "N", defaultValue = "20", description = "How many events (default ${DEFAULT-VALUE}).")
    private int count = 20;

    @Option(names = "--follow", description = "Then print each new event as it is recorded, until interrupted (Ctrl-C).")
    private boolean follow;

    @Option(names = "--local", description = "This home's audit.log, when the home uses a shared store.")
    private boolean local;

    @Reference
    private AuditLog audit;

    /** The store, for the trail of a shared one; absent outside a framework. */
    @Reference
    private VaultComponent vault;

    public LogCommand() {
    }

    /** Outside a framework (tests). */
    LogCommand(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        if (count < 0) {
            throw new AuthsomeException(ErrorCode.USAGE, "-n must be 0 or more, not " + count, "authsome log -n 20");
        }
        Optional<AuditTrail> trail = local || vault == null ? Optional.empty() : vault.backend().auditTrail();
        if (follow) {
            return follow(context.json(), context::emit, trail);
        }
        List<Map<String, Object>> events = trail.isPresent() ? trail.get().tail(count) : audit.tail(count);
        List<String> members = trail.isPresent() ? TEAM_MEMBERS : MEMBERS;
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> event : events) {
            rows.add(cells(event, members));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(trail.isPresent() ? TEAM_COLUMNS : COLUMNS, rows));
        if (events.isEmpty() && !context.quiet()) {
            blocks.add(new Text("No audit events in " + (trail.isPresent() ? vault.backend().describe()
                    : context.home().auditLog()) + " yet."));
        }
        return new CommandResult(Map.of("events", events), blocks, 0);
    }

    /** Emits events as they come, one line each; returns when the thread is interrupted. */
    CommandResult follow(boolean json, Consumer<String> out, Optional<AuditTrail> trail) throws AuthsomeException {
        List<String> members = trail.isPresent() ? TEAM_MEMBERS : MEMBERS;
        Consumer<Map<String, Object>> sink = event -> out.accept(json ? AuditLines.toLine(CommandResult.versioned(event))
                : line(event, members));
        try {
            if (trail.isPresent()) {
                trail.get().follow(count, sink);
            } else {
                audit.follow(count, sink);
            }
        } catch (InterruptedException e) {
            // The interrupt is how --follow ends: it has been acted on, so it is not passed on.
        }
        return new CommandResult(Map.of("followed", true), List.of(), 0);
    }

    private static int width(String member) {
        return WIDTHS.getOrDefault(member, 0);
    }

    static List<String> cells(Map<String, Object> event, List<String> members) {
        List<String> cells = new ArrayList<>();
        for (String member : members) {
            Object value = event.get(member);
            cells.add(value == null ? "" : String.valueOf(value));
        }
        return cells;
    }

    /** One event as a text line with the columns of the table, padded to fixed widths. */
    static String line(Map<String, Object> event, List<String> members) {
        List<String> cells = cells(event, members);
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(Math.max(width(members.get(c)) - cell.length(), 0) + 2));
            }
        }
        return line.toString().stripTrailing();
    }
}
