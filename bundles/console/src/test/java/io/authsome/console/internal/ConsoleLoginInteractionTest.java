package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a flow's calls look like on the console: stderr for the person, stdout events with --json only. */
class ConsoleLoginInteractionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private LoginInteraction interaction(boolean json, boolean verbose) {
        Terminal io = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of(), Path.of("/"), Map.of(),
            LocalPerson.INSTANCE);
        return new CommandContextImpl(json, false, verbose, "default", new HomeLayout(Path.of("/nonexistent")), io, null)
                .loginInteraction();
    }

    @Test
    void aVisitIsShownOnStderrAndWithJsonAlsoAsAnEventOnStdout() {
        assertTrue(interaction(true, false).visit("device_authorization", "https://example.com/device", "ABCD-EFGH", null)
                .isEmpty());
        assertEquals("{\"v\":1,\"event\":\"device_authorization\",\"url\":\"https://example.com/device\","
                + "\"user_code\":\"ABCD-EFGH\"}\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("Open this URL to log in:\n  https://example.com/device\nand enter the code: ABCD-EFGH\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutJsonStdoutStaysEmpty() {
        LoginInteraction interaction = interaction(false, false);
        interaction.visit("authorize", "https://example.com/authorize", null, null);
        interaction.tell("guidance");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("Open this URL to log in:\n  https://example.com/authorize\nguidance\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nobodyReadsGuidanceWithJsonOrWithoutATerminal() {
        assertFalse(interaction(true, false).attended());
        assertFalse(interaction(false, false).attended());
    }

    @Test
    void theTraceGoesToStderrAndOnlyVerboseAsksForIt() {
        LoginInteraction verbose = interaction(false, true);
        assertTrue(verbose.verbose());
        assertFalse(interaction(false, false).verbose());
        verbose.trace("> POST https://example.com/token grant_type=x");
        assertEquals("> POST https://example.com/token grant_type=x\n", err.toString(StandardCharsets.UTF_8));
    }
}
