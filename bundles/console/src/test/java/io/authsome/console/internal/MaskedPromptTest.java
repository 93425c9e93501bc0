package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The masked prompt on JLine's emulated terminal: what is taken from the keys, and what is shown. */
class MaskedPromptTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private int prompts;

    private Terminal terminal(InputStream keys) throws IOException {
        return TerminalBuilder.builder().system(false).streams(keys, screen).type("xterm").build();
    }

    /** Types {@code keys} once the prompt is shown (as a person does), and reads the prompt's answer. */
    private Optional<String> type(String keys) throws Exception {
        return type(keys, false);
    }

    private Optional<String> type(String keys, boolean shown) throws Exception {
        try (PipedOutputStream keyboard = new PipedOutputStream();
             Terminal terminal = terminal(new PipedInputStream(keyboard))) {
            String prompt = "Key " + (++prompts) + ": ";
            CompletableFuture<Void> person = CompletableFuture.runAsync(() -> {
                try {
                    while (!screen.toString(StandardCharsets.UTF_8).contains(prompt)) {
                        Thread.sleep(5);
                    }
                    keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Optional<String> typed = shown ? MaskedPrompt.readShown(terminal, prompt)
                    : MaskedPrompt.read(terminal, prompt, () -> false);
            person.join();
            // the emulated terminal copies its output on a thread of its own, and drops what is left at close
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!screen.toString(StandardCharsets.UTF_8).substring(screen.toString(StandardCharsets.UTF_8)
                    .indexOf(prompt)).contains("\n") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return typed;
        }
    }

    @Test
    void editingKeysEditAndNothingTypedIsShown() throws Exception {
        assertEquals(Optional.of("sk-ac"), type("sk-ab\u007fc\r"));
        assertEquals(Optional.of("new"), type("old\u0015new\r"));
        assertEquals(Optional.of("left"), type("le\u001b[Dft\u001bOA\r"));
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("Key 1: "), shown);
        for (String typed : new String[] {"sk-a", "old", "new", "le", "ft"}) {
            assertFalse(shown.contains(typed), "shown: " + shown);
        }
    }

    @Test
    void aValueThatIsNotSecretIsShownAsItIsTypedAndEdited() throws Exception {
        assertEquals(Optional.of("eu-west-1"), type("eu-wa\u007fest-1\r", true));
        assertEquals(Optional.of("new"), type("old\u0015new\r", true));
        assertShown("Key 1: eu-wa\b \best-1");
        assertShown("Key 2: old\b \b\b \b\b \bnew");
    }

    private void assertShown(String expected) {
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains(expected), shown.replace("\b", "<BS>"));
    }

    @Test
    void ctrlCCtrlDAndAnEmptyLineGiveNoAnswer() throws Exception {
        assertEquals(Optional.empty(), type("sk-abc\u0003"));
        assertEquals(Optional.empty(), type("\u0004"));
        assertEquals(Optional.empty(), type("\r"));
    }

    @Test
    void anAnswerFromElsewhereEndsThePromptAndRestoresTheTerminal() throws IOException {
        try (PipedOutputStream keyboard = new PipedOutputStream();
             Terminal terminal = terminal(new PipedInputStream(keyboard))) {
            Attributes before = new Attributes(terminal.getAttributes());
            AtomicBoolean answered = new AtomicBoolean();
            keyboard.write("half-typed".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            Optional<String> typed = MaskedPrompt.read(terminal, "Key: ", () -> {
                boolean stop = answered.get();
                answered.set(true);
                return stop;
            });
            assertEquals(Optional.empty(), typed);
            assertEquals(before.getLocalFlags(), terminal.getAttributes().getLocalFlags());
            assertEquals(before.getInputFlags(), terminal.getAttributes().getInputFlags());
        }
    }
}
