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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import picocli.CommandLine.Option;

/** {@code log [-n N] [--follow]}: the recent audit events, or a live view of new ones. */
@CommandSpec(name = "log", summary = "Show recent audit events",
        description = "Show recent audit events; with --follow, print new ones as they are recorded.")
@Component(scope = ServiceScope.PROTOTYPE)
public final class LogCommand implements AuthsomeCommand {
    static final List<String> COLUMNS = List.of("TIME", "EVENT", "PROFILE", "PROVIDER", "CONNECTION", "OUTCOME");
    private static final List<String> MEMBERS = List.of("time", "event", "profile", "provider", "connection",
            "outcome");
    /** Column widths of --follow text lines (a table cannot be aligned before its rows are known). */
    private static final int[] WIDTHS = {24, 14, 10, 16, 12, 0};

    @Option(names = "-n", paramLabel = "N", defaultValue = "20", description = "How many events (default ${DEFAULT-VALUE}).")
    private int count = 20;

    @Option(names = "--follow", description = "Then print each new event as it is recorded, until interrupted (Ctrl-C).")
    private boolean follow;

    @Reference
    private AuditLog audit;

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
        if (follow) {
            return follow(context.json(), context::emit);
        }
        List<Map<String, Object>> events = audit.tail(count);
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> event : events) {
            rows.add(cells(event));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(COLUMNS, rows));
        if (events.isEmpty() && !context.quiet()) {
            blocks.add(new Text("No audit events in " + context.home().auditLog() + " yet."));
        }
        return new CommandResult(Map.of("events", events), blocks, 0);
    }

    /** Emits events as they come, one line each; returns when the thread is interrupted. */
    CommandResult follow(boolean json, Consumer<String> out) {
        Consumer<Map<String, Object>> sink = event -> out.accept(json ? AuditLines.toLine(CommandResult.versioned(event))
                : line(event));
        try {
            audit.follow(count, sink);
        } catch (InterruptedException e) {
            // The interrupt is how --follow ends: it has been acted on, so it is not passed on.
        }
        return new CommandResult(Map.of("followed", true), List.of(), 0);
    }

    static List<String> cells(Map<String, Object> event) {
        List<String> cells = new ArrayList<>();
        for (String member : MEMBERS) {
            Object value = event.get(member);
            cells.add(value == null ? "" : String.valueOf(value));
        }
        return cells;
    }

    /** One event as a text line with the columns of the table, padded to fixed widths. */
    static String line(Map<String, Object> event) {
        List<String> cells = cells(event);
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(Math.max(WIDTHS[c] - cell.length(), 0) + 2));
            }
        }
        return line.toString().stripTrailing();
    }
}
