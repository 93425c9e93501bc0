package io.authsome.console.internal;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** JLine completer over a {@link CompletionSource}. */
final class ConsoleCompleter implements Completer {
    private final CompletionSource source;

    ConsoleCompleter(CompletionSource source) {
        this.source = source;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        String command = words.stream().filter(w -> !w.startsWith("-") && !w.isEmpty()).findFirst().orElse(null);
        int commandIndex = command == null ? -1 : words.indexOf(command);
        if (command == null || line.wordIndex() <= commandIndex) {
            source.commands().forEach(name -> candidates.add(new Candidate(name)));
            return;
        }
        if (line.word().startsWith("-")) {
            source.options(command).forEach(option -> candidates.add(new Candidate(option)));
        } else if (source.takesProvider(command)) {
            source.providers().forEach(name -> candidates.add(new Candidate(name)));
        }
    }
}
