package io.authsome.store.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Grant;
import io.authsome.api.agent.ListedAgent;
import io.authsome.api.vault.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code Agents} service: the right credential only, revocation at the next call, last use recorded. */
class AgentsComponentTest {
    @TempDir
    Path home;

    private String add(String name) throws AuthsomeException {
        String credential = AgentCredentials.generate();
        byte[] salt = AgentCredentials.salt();
        StoredAgent stored = new StoredAgent(new Agent(name, "default", List.of(Grant.parse("github")),
                Instant.parse("2026-01-02T03:04:05Z")), salt, AgentCredentials.hash(salt, credential), null);
        new AgentFile(home).change(agents -> agents.put(name, stored));
        return credential;
    }

    @Test
    void onlyTheAgentsOwnCredentialAuthenticatesIt() throws Exception {
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        AgentsComponent agents = AgentFakes.agents(home, recorder);
        String ci = add("ci");
        String bot = add("bot");
        assertEquals("ci", agents.authenticate("ci", Secret.of(ci)).orElseThrow().name());
        assertEquals(List.of(Grant.parse("github")), agents.authenticate("ci", Secret.of(ci)).orElseThrow().grants());
        assertEquals(Optional.empty(), agents.authenticate("ci", Secret.of(bot)), "another agent's credential");
        assertEquals(Optional.empty(), agents.authenticate("bot", Secret.of(ci)));
        assertEquals(Optional.empty(), agents.authenticate("nobody", Secret.of(ci)), "an unknown name");
        assertEquals(Optional.empty(), agents.authenticate("ci", Secret.of("")));
        assertTrue(agents.find("bot").isPresent());
        assertTrue(agents.find("nobody").isEmpty());
        agents.deactivate();
        recorder.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aRevocationByAnotherWriterCountsFromTheNextCall() throws Exception {
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        AgentsComponent agents = AgentFakes.agents(home, recorder);
        String ci = add("ci");
        assertTrue(agents.authenticate("ci", Secret.of(ci)).isPresent());
        new AgentFile(home).change(all -> all.remove("ci"));
        assertEquals(Optional.empty(), agents.authenticate("ci", Secret.of(ci)));
        String again = add("ci");
        assertEquals(Optional.empty(), agents.authenticate("ci", Secret.of(ci)), "the old credential of a name added again");
        assertTrue(agents.authenticate("ci", Secret.of(again)).isPresent());
        agents.deactivate();
        assertTrue(recorder.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void lastUseIsRecordedOnceInAWhile() throws Exception {
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        AgentsComponent agents = AgentFakes.agents(home, recorder);
        String ci = add("ci");
        assertNull(agents.list().get(0).lastUsed(), "never used");
        agents.authenticate("ci", Secret.of(ci));
        agents.authenticate("ci", Secret.of(ci));
        agents.deactivate();
        assertTrue(recorder.awaitTermination(10, TimeUnit.SECONDS));
        Instant used = new AgentFile(home).read().get(0).lastUsed();
        assertNotNull(used);
        assertEquals(List.of(new ListedAgent(agents.find("ci").orElseThrow(), used)), agents.list());
        String content = Files.readString(home.resolve(AgentFile.FILE));
        assertEquals(1, content.split("last_used").length - 1, content);
        assertTrue(agents.authenticate("ci", Secret.of(ci)).isPresent(), "recording keeps the agent as it is");
    }

    @Test
    void aDamagedFileIsReportedNotTakenForNoAgents() throws Exception {
        Files.writeString(home.resolve(AgentFile.FILE), "[]");
        AgentsComponent agents = AgentFakes.agents(home, Executors.newSingleThreadExecutor());
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> agents.authenticate("ci", Secret.of("x")));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains(AgentFile.FILE), e.getMessage());
        agents.deactivate();
    }
}
