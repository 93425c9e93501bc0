package io.authsome.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentSplitterTest {
    @Test
    void commandIsTheFirstPlainArgument() {
        assertEquals(Optional.of(0), ArgumentSplitter.commandIndex(new String[] {"list", "--json"}));
        assertEquals(Optional.of(1), ArgumentSplitter.commandIndex(new String[] {"--json", "list"}));
    }

    @Test
    void valuesOfGlobalOptionsAreNotCommands() {
        assertEquals(Optional.of(4), ArgumentSplitter.commandIndex(
                new String[] {"--profile", "work", "--home", "/tmp/h", "inspect", "github"}));
        assertEquals(Optional.of(2), ArgumentSplitter.commandIndex(new String[] {"-f", "script.txt", "x"}));
    }

    @Test
    void noCommandWhenOnlyOptionsOrAfterDoubleDash() {
        assertEquals(Optional.empty(), ArgumentSplitter.commandIndex(new String[] {"--json", "--quiet"}));
        assertEquals(Optional.empty(), ArgumentSplitter.commandIndex(new String[] {"--", "list"}));
        assertEquals(Optional.empty(), ArgumentSplitter.commandIndex(new String[0]));
    }
}
