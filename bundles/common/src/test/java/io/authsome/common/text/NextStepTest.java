package io.authsome.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.authsome.api.vault.ConnectionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next steps of the error table of the command-line contract, word for word. */
class NextStepTest {
    @Test
    void eachSituationHasTheCommandOfTheErrorTable() {
        assertEquals("authsome revoke kc then authsome login kc", NextStep.credentialRejected("kc"));
        assertEquals("authsome remove kc then authsome login kc", NextStep.clientRejected("kc"));
        assertEquals("authsome login kc --scopes read,write", NextStep.missingScopes("kc", List.of("read", "write")));
        assertEquals("authsome login kc", NextStep.login("kc"));
    }

    @Test
    void anInvalidConnectionsNextStepFollowsWhatTheProviderRejected() {
        assertEquals(NextStep.clientRejected("kc"), NextStep.forState("kc", ConnectionState.INVALID, "invalid_client"));
        assertEquals(NextStep.clientRejected("kc"), NextStep.forState("kc", ConnectionState.INVALID, "unauthorized_client"));
        assertEquals(NextStep.credentialRejected("kc"), NextStep.forState("kc", ConnectionState.INVALID, "invalid_grant"));
        assertEquals(NextStep.credentialRejected("kc"), NextStep.forState("kc", ConnectionState.INVALID, null));
        assertEquals(NextStep.login("kc"), NextStep.forState("kc", ConnectionState.CONFIGURED, null));
        assertNull(NextStep.forState("kc", ConnectionState.CONNECTED, null));
    }
}
