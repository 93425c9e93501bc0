package io.authsome.store.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {
    @Test
    void readsTheCommonForms() {
        Map<String, DotEnv.Variable> variables = DotEnv.parse("""
                # comment
                PLAIN=value # trailing comment
                export EXPORTED=exp
                SINGLE='literal $x \\n'
                DOUBLE="esc \\"q\\" \\n end"
                SPACED = padded\s
                #HIDDEN=no
                not a variable
                """);
        assertEquals("value", variables.get("PLAIN").value());
        assertEquals(2, variables.get("PLAIN").line());
        assertEquals("exp", variables.get("EXPORTED").value());
        assertEquals("literal $x \\n", variables.get("SINGLE").value());
        assertEquals("esc \"q\" \n end", variables.get("DOUBLE").value());
        assertEquals("padded", variables.get("SPACED").value());
        assertFalse(variables.containsKey("HIDDEN"));
        assertEquals(5, variables.size());
    }
}
