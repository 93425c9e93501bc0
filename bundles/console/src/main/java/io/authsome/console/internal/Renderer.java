package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.command.Block;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.common.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints results and errors: one JSON document on stdout with {@code --json}; otherwise text
 * and aligned tables on stdout, errors with their next step on stderr. Every JSON document carries
 * the format version {@code "v"}; text never carries a control character it did not put there
 * itself (see {@link Printable}).
 */
final class Renderer {
    private final Terminal io;
    private final boolean json;
    private final boolean quiet;
    private final Style style;

    Renderer(Terminal io, boolean json, boolean quiet, Style style) {
        this.io = io;
        this.json = json;
        this.quiet = quiet;
        this.style = style;
    }

    void result(CommandResult result) {
        if (json) {
            io.out().println(Json.write(CommandResult.versioned(result.data())));
        } else {
            for (Block block : result.blocks()) {
                io.out().print(text(block));
            }
        }
        io.out().flush();
    }

    void error(AuthsomeException e) {
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("v", CommandResult.FORMAT_VERSION);
            error.put("error", e.code().name());
            error.put("message", e.getMessage());
            if (e.nextStep() != null) {
                error.put("next_step", e.nextStep());
            }
            error.put("exit_code", e.code().exitCode());
            io.out().println(Json.write(error));
            io.out().flush();
            return;
        }
        io.err().println(style.red("error: ") + Printable.text(e.getMessage()));
        if (e.nextStep() != null && !quiet) {
            io.err().println(style.dim("next:  ") + Printable.text(e.nextStep()));
        }
        io.err().flush();
    }

    String text(Block block) {
        if (block instanceof Text text) {
            String printable = Printable.text(text.text());
            return printable.endsWith("\n") ? printable : printable + "\n";
        }
        return table((Table) block);
    }

    private String table(Table table) {
        List<String> columns = table.columns();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (List<String> row : table.rows()) {
                widths[c] = Math.max(widths[c], cell(row, c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(style.bold(line(columns, widths, false))).append('\n');
        for (List<String> row : table.rows()) {
            out.append(line(row, widths, true)).append('\n');
        }
        return out.toString();
    }

    private String line(List<String> cells, int[] widths, boolean colour) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String value = cell(cells, c);
            boolean last = c == widths.length - 1;
            line.append(colour ? style.verdict(value) : value);
            if (!last) {
                line.append(" ".repeat(widths[c] - value.length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }

    private static String cell(List<String> row, int column) {
        String value = row.get(column);
        return value == null ? "" : Printable.cell(value);
    }
}
