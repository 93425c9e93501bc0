package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.ConnectionInfo;
import io.authsome.api.vault.ConnectionState;
import io.authsome.common.connection.ProfileOverview;
import io.authsome.common.connection.ShownState;
import io.authsome.common.text.NextStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagesTest {
    private static final Provider ACME = new Provider(new ProviderDefinition(1, "acme", "Acme", AuthType.API_KEY,
            Flow.API_KEY, List.of(), List.of(), HeaderInjection.BEARER, null, new ApiKeySettings(null, null, null),
            Map.of(), null, Map.of()), ProviderSource.BUNDLED, "test");

    private static ProfileOverview.Shown shown(ConnectionState state, String nextStep) {
        ConnectionInfo info = new ConnectionInfo("acme", "work", state, false, Map.of("scopes", "read write"),
                Instant.parse("2026-12-02T10:00:00Z"), null);
        return new ProfileOverview.Shown(info, new ShownState(state, nextStep));
    }

    @Test
    void aConnectedCredentialNeedsNoButton() {
        assertEquals("", Pages.fix(ACME, shown(ConnectionState.CONNECTED, null), "t"));
    }

    @Test
    void anExpiredOrRejectedCredentialGetsALoginThatReplacesItWithTheScopesItHeld() {
        for (String step : List.of(NextStep.forState("acme", ConnectionState.EXPIRED, null),
                NextStep.credentialRejected("acme"))) {
            String button = Pages.fix(ACME, shown(ConnectionState.INVALID, step), "t0k");
            assertTrue(button.contains("action=\"/providers/acme/connect\""), button);
            assertTrue(button.contains("name=\"connection\" value=\"work\""), button);
            assertTrue(button.contains("name=\"force\" value=\"yes\""), button);
            assertTrue(button.contains("name=\"scopes\" value=\"read write\""), button);
            assertTrue(button.contains("name=\"csrf\" value=\"t0k\""), button);
            assertTrue(button.contains("aria-label=\"Log in again to acme as work\""), button);
        }
    }

    @Test
    void aRejectedClientLeadsToTheRemovalFirst() {
        String link = Pages.fix(ACME, shown(ConnectionState.INVALID, NextStep.clientRejected("acme")), "t");
        assertTrue(link.contains("href=\"/providers/acme/remove\""), link);
    }
}
