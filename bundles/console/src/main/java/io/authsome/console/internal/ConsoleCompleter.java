package io.authsome.console.internal;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * JLine completer over a {@link CompletionSource}: the command name, then the action of a command
 * that has actions, then options (of the action when one is typed) or provider names.
 */
final class ConsoleCompleter implements Completer {
    private final CompletionSource source;

    ConsoleCompleter(CompletionSource source) {
        this.source = source;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int commandIndex = nextWord(words, 0, line.wordIndex());
        if (commandIndex < 0) {
            source.commands().forEach(name -> candidates.add(new Candidate(name)));
            return;
        }
        String command = words.get(commandIndex);
        List<String> actions = source.actions(command);
        String action = null;
        if (!actions.isEmpty()) {
            int actionIndex = nextWord(words, commandIndex + 1, line.wordIndex());
            if (actionIndex < 0 && !line.word().startsWith("-")) {
                actions.forEach(name -> candidates.add(new Candidate(name)));
                return;
            }
            action = actionIndex < 0 ? null : words.get(actionIndex);
        }
        if (line.word().startsWith("-")) {
            source.options(command, action).forEach(option -> candidates.add(new Candidate(option)));
        } else if (actions.isEmpty() && source.takesProvider(command)) {
            source.providers().forEach(name -> candidates.add(new Candidate(name)));
        }
    }

    /** The index of the first word from {@code from} that is not an option, before the word being typed; -1 if none. */
    private static int nextWord(List<String> words, int from, int typing) {
        for (int i = from; i < typing && i < words.size(); i++) {
            if (!words.get(i).isEmpty() && !words.get(i).startsWith("-")) {
                return i;
            }
        }
        return -1;
    }
}
