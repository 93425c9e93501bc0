package io.authsome.console.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * Script mode: one command per line, {@code #} comments, shell-like quoting; {@code exit} or
 * {@code quit} ends the script as it leaves the console. Stops at the first failing command and
 * returns its exit code, unless told to keep going.
 */
final class ScriptRunner {
    /** Runs one command line and returns its exit code. */
    interface LineRunner {
        int run(String[] args);
    }

    private final LineRunner runner;
    private final List<String> inherited;
    private final boolean keepGoing;
    private final Terminal io;
    private final DefaultParser parser = new DefaultParser();

    /**
     * @param inherited global options of the {@code authsome} invocation, applied to every line
     */
    ScriptRunner(LineRunner runner, List<String> inherited, boolean keepGoing, Terminal io) {
        this.runner = runner;
        this.inherited = List.copyOf(inherited);
        this.keepGoing = keepGoing;
        this.io = io;
        parser.setEofOnUnclosedQuote(true);
        parser.setEofOnEscapedNewLine(true);
        parser.setLineCommentDelims(new String[] {"#"});
    }

    /** Runs every line of {@code script}; {@code name} names the script in errors. */
    int run(BufferedReader script, String name) throws IOException {
        int firstFailure = 0;
        int number = 0;
        for (String line = script.readLine(); line != null; line = script.readLine()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int code;
            try {
                List<String> words = words(trimmed);
                if (leaves(words)) {
                    return firstFailure;
                }
                List<String> args = new ArrayList<>(inherited);
                args.addAll(words);
                code = runner.run(args.toArray(String[]::new));
            } catch (AuthsomeException e) {
                io.err().println("error: " + name + ":" + number + ": " + e.getMessage());
                code = e.code().exitCode();
            }
            if (code != 0) {
                if (!keepGoing) {
                    return code;
                }
                firstFailure = firstFailure == 0 ? code : firstFailure;
            }
        }
        return firstFailure;
    }

    /** Whether a line's words ask to leave, as they do in the interactive console: {@code exit} or {@code quit}. */
    static boolean leaves(List<String> words) {
        return !words.isEmpty() && (words.get(0).equals("exit") || words.get(0).equals("quit"));
    }

    private List<String> words(String line) throws AuthsomeException {
        List<String> words;
        try {
            words = new ArrayList<>(parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words());
        } catch (SyntaxError e) {
            throw new AuthsomeException(ErrorCode.USAGE, "cannot parse the line: " + e.getMessage());
        }
        words.removeIf(String::isEmpty);
        return words;
    }
}
