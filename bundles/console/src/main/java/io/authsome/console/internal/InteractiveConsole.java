package io.authsome.console.internal;

import io.authsome.api.home.HomeLayout;
import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;

/**
 * The interactive console: a JLine prompt showing the profile, completion of commands, options
 * and provider names, and history in {@code $AUTHSOME_HOME/history} (mode 0600).
 */
final class InteractiveConsole {
    /** Runs one command line and returns its exit code. */
    @FunctionalInterface
    interface Lines {
        int run(String[] args);
    }

    private final Lines runner;
    private final CompletionSource completion;
    private final HomeLayout home;
    private final String profile;
    private final List<String> inherited;
    private final Keyboard keyboard;

    InteractiveConsole(Lines runner, CompletionSource completion, HomeLayout home, String profile,
                       List<String> inherited, Keyboard keyboard) {
        this.runner = runner;
        this.completion = completion;
        this.home = home;
        this.profile = profile;
        this.inherited = List.copyOf(inherited);
        this.keyboard = keyboard;
    }

    int run() throws IOException {
        org.jline.terminal.Terminal terminal = keyboard.console();
        DefaultParser parser = new DefaultParser();
        parser.setLineCommentDelims(new String[] {"#"});
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("authsome")
                .parser(parser)
                .completer(new ConsoleCompleter(completion))
                .variable(LineReader.HISTORY_FILE, home.history())
                .build();
        terminal.writer().println("authsome console: 'help' lists the commands, 'exit' leaves.");
        int last = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine("authsome [" + profile + "]> ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = new ArrayList<>(reader.getParsedLine().words());
            words.removeIf(String::isEmpty);
            if (words.isEmpty()) {
                continue;
            }
            if (ScriptRunner.leaves(words)) {
                break;
            }
            List<String> args = new ArrayList<>(inherited);
            args.addAll(words);
            last = runner.run(args.toArray(String[]::new));
            saveHistory(reader);
        }
        saveHistory(reader);
        return last;
    }

    private void saveHistory(LineReader reader) {
        try {
            PrivateFiles.ensureDirectory(home.root());
            reader.getHistory().save();
            if (Files.exists(home.history())) {
                Files.setPosixFilePermissions(home.history(), PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // History is a convenience; a read-only home must not stop the console.
        }
    }
}
