package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Agents;
import io.authsome.api.agent.Grant;
import io.authsome.api.agent.ListedAgent;
import io.authsome.api.agent.NewAgent;
import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agents page and its forms, over an {@link Agents} that keeps its agents in a map. */
class AgentSectionTest {
    private static final String CREDENTIAL = "cred-4f1d9a7e2b-shown-once";
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    /** Agents in memory; {@code add} refuses what {@code refusal} says, when set. */
    private final class MemoryAgents implements Agents {
        final Map<String, ListedAgent> agents = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        AuthsomeException refusal;

        @Override
        public Optional<Agent> authenticate(String name, Secret credential) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Agent> find(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ListedAgent> list() {
            return List.copyOf(agents.values());
        }

        @Override
        public NewAgent add(String name, String profile, List<String> allow, String via) throws AuthsomeException {
            calls.add("add " + name + " " + profile + " " + allow + " via " + via);
            if (refusal != null) {
                throw refusal;
            }
            Agent agent = new Agent(name, profile, allow.stream().filter(a -> !a.isBlank()).map(Grant::parse).toList(),
                    CREATED);
            agents.put(name, new ListedAgent(agent, null));
            return new NewAgent(agent, Secret.of(CREDENTIAL), 7999, List.of("openai has no connection 'work' yet"));
        }

        @Override
        public Agent revoke(String name, String via) throws AuthsomeException {
            calls.add("revoke " + name + " via " + via);
            ListedAgent removed = agents.remove(name);
            if (removed == null) {
                throw new AuthsomeException(ErrorCode.CONNECTION_NOT_FOUND, "no agent called '" + name + "'");
            }
            return removed.agent();
        }
    }

    private final MemoryAgents agents = new MemoryAgents();
    private final Configuration configuration = () -> Config.DEFAULTS;
    private final HomeLayout home = new HomeLayout(Path.of("/home/u/.authsome"));
    private final AgentSection section = new AgentSection(agents, configuration, home, new Notices(), new AddedAgents());
    private final SignIns.Session session = new SignIns.Session("session", "csrf-token", Instant.now());

    private Answer get() throws AuthsomeException {
        return section.answer(new Request("GET", "/agents", Map.of(), Map.of(), session));
    }

    private Answer post(String path, Map<String, String> form) throws AuthsomeException {
        return section.answer(new Request("POST", path, Map.of(), form, session));
    }

    private static String body(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anAddedAgentsProxyUrlIsShownOnceThenNeverAgain() throws Exception {
        Answer posted = post("/agents/add", Map.of("name", " ci ", "allow", "github, openai=work", "csrf", "x"));
        assertEquals(303, posted.status());
        assertEquals("/agents", posted.headers().get("Location"));
        assertEquals(List.of("add ci default [github,  openai=work] via ui"), agents.calls);
        String first = body(get());
        assertTrue(first.contains("HTTPS_PROXY=http://ci:" + CREDENTIAL + "@127.0.0.1:7999"), first);
        assertTrue(first.contains("SSL_CERT_FILE=/home/u/.authsome/ca/agents/ca-bundle.pem"), first);
        assertTrue(first.contains("NODE_EXTRA_CA_CERTS=/home/u/.authsome/ca/ca.pem"), first);
        assertTrue(first.contains("warning: openai has no connection &#39;work&#39; yet"), first);
        String again = body(get());
        assertFalse(again.contains(CREDENTIAL), "shown once: " + again);
        assertTrue(again.contains("<a href=\"/providers/openai\">openai=work</a>"), again);
        assertTrue(again.contains("never"), again);
    }

    @Test
    void aRefusedAddComesBackAsThePageWithTheFormAsSentAndWhatToChange() throws Exception {
        agents.refusal = new AuthsomeException(ErrorCode.USAGE, "unknown provider 'githb' in --allow (did you mean"
                + " github?)", "authsome list shows the known providers");
        Answer refused = post("/agents/add", Map.of("name", "ci", "allow", "githb\"><b>"));
        assertEquals(400, refused.status());
        String page = body(refused);
        assertTrue(page.contains("Not added: unknown provider &#39;githb&#39; in --allow (did you mean github?)"), page);
        assertTrue(page.contains("value=\"githb&quot;&gt;&lt;b&gt;\""), "the field keeps what was typed, escaped");
        assertTrue(page.contains("value=\"ci\""), page);
        agents.refusal = new AuthsomeException(ErrorCode.UNEXPECTED, "cannot write agents.json");
        assertThrows(AuthsomeException.class, () -> post("/agents/add", Map.of("name", "ci")),
                "what the form cannot fix is the dashboard's error page");
    }

    @Test
    void revokeIsAPostPerAgentThatSaysWhatItDid() throws Exception {
        post("/agents/add", Map.of("name", "ci"));
        String page = body(get());
        assertTrue(page.contains("action=\"/agents/ci/revoke\""), page);
        assertTrue(page.contains("aria-label=\"Revoke agent ci\""), page);
        Answer revoked = post("/agents/ci/revoke", Map.of());
        assertEquals(303, revoked.status());
        assertEquals(List.of("add ci default [] via ui", "revoke ci via ui"), agents.calls);
        page = body(get());
        assertTrue(page.contains("Revoked agent ci: the shared proxy refuses its credential"), page);
        assertTrue(page.contains("No agents yet."), page);
    }

    @Test
    void otherPathsAreNotHere() throws Exception {
        assertNull(section.answer(new Request("GET", "/agents/ci", Map.of(), Map.of(), session)));
        assertNull(post("/agents", Map.of()));
        assertNull(post("/agents/ci/rename", Map.of()));
    }
}
