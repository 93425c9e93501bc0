package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.junit.jupiter.api.Test;

/** Completion of command names, actions (subcommands), options and provider names. */
class ConsoleCompleterTest {
    private final CompletionSource source = new CompletionSource() {
        @Override
        public List<String> commands() {
            return List.of("get", "profile", "vault");
        }

        @Override
        public List<String> actions(String command) {
            return Map.of("profile", List.of("list", "create", "use", "delete"), "vault", List.of("rekey"))
                    .getOrDefault(command, List.of());
        }

        @Override
        public List<String> options(String command, String action) {
            return List.of("--" + command + (action == null ? "" : "-" + action));
        }

        @Override
        public boolean takesProvider(String command) {
            return command.equals("get");
        }

        @Override
        public List<String> providers() {
            return List.of("github", "openai");
        }
    };

    /** The candidates for the last word of {@code line} (an empty last word: after a space). */
    private List<String> complete(String line) {
        List<String> words = new ArrayList<>(List.of(line.split(" ", -1)));
        ParsedLine parsed = new ParsedLine() {
            @Override
            public String word() {
                return words.get(words.size() - 1);
            }

            @Override
            public int wordCursor() {
                return word().length();
            }

            @Override
            public int wordIndex() {
                return words.size() - 1;
            }

            @Override
            public List<String> words() {
                return words;
            }

            @Override
            public String line() {
                return line;
            }

            @Override
            public int cursor() {
                return line.length();
            }
        };
        List<Candidate> candidates = new ArrayList<>();
        new ConsoleCompleter(source).complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void theFirstWordIsACommand() {
        assertEquals(List.of("get", "profile", "vault"), complete(""));
        assertEquals(List.of("get", "profile", "vault"), complete("--json pro"));
    }

    @Test
    void afterACommandWithActionsComesAnAction() {
        assertEquals(List.of("list", "create", "use", "delete"), complete("profile "));
        assertEquals(List.of("rekey"), complete("--quiet vault --json re"));
    }

    @Test
    void optionsAreThoseOfTheActionOnceOneIsTyped() {
        assertEquals(List.of("--vault"), complete("vault --"));
        assertEquals(List.of("--vault-rekey"), complete("vault rekey --m"));
        assertEquals(List.of("--profile-create"), complete("profile create work --"));
    }

    @Test
    void providersFollowACommandThatTakesThem() {
        assertEquals(List.of("github", "openai"), complete("get "));
        assertEquals(List.of("--get"), complete("get github --"));
        assertEquals(List.of(), complete("profile create "));
    }
}
