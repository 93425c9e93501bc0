package io.authsome.store.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Grant;
import io.authsome.api.agent.NewAgent;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.config.Config;
import io.authsome.api.config.DaemonConfig;
import io.authsome.api.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding and revoking agents as the command and the dashboard share it: checked, stored, audited with who asked. */
class AgentChangesTest {
    @TempDir
    Path home;

    private final List<AuditEvent> audited = new ArrayList<>();

    private AgentChanges changes(Config config) {
        return new AgentChanges(new AgentFile(home), AgentFakes.vault(), AgentFakes.catalog("github", "gitlab", "openai"),
                AgentFakes.configuration(config), AgentFakes.audit(audited));
    }

    private AgentChanges changes() {
        return changes(Config.DEFAULTS);
    }

    @Test
    void addKeepsOnlyAHashAndGivesTheCredentialOnceAsASecret() throws Exception {
        NewAgent added = changes().add("ci", "default", List.of("github", "openai=work"), "ui");
        String credential = added.credential().reveal();
        assertTrue(credential.matches("[A-Za-z0-9_-]{43}"), credential);
        assertEquals(List.of(Grant.parse("github"), Grant.parse("openai=work")), added.agent().grants());
        assertEquals("default", added.agent().profile());
        assertEquals(DaemonConfig.DEFAULT_PROXY_PORT, added.proxyPort());
        assertEquals("http://ci:" + credential + "@127.0.0.1:" + DaemonConfig.DEFAULT_PROXY_PORT,
                added.httpsProxy().orElseThrow().reveal());
        assertFalse(added.toString().contains(credential), added.toString());
        assertFalse(added.httpsProxy().orElseThrow().toString().contains(credential));
        assertFalse(Files.readString(home.resolve(AgentFile.FILE)).contains(credential));
        StoredAgent stored = new AgentFile(home).read().get(0);
        assertTrue(AgentCredentials.matches(stored.salt(), stored.hash(), credential));
        assertEquals(List.of("openai has no connection 'work' in profile default yet; the agent's requests to it carry"
                + " no credential until authsome login openai --connection work"), added.warnings());
    }

    @Test
    void theAuditSaysWhoAskedOnlyWhenItWasNotTheCommandLine() throws Exception {
        changes().add("ci", "default", List.of("github"), "ui");
        changes().add("bot", "default", List.of(), null);
        changes().revoke("ci", "ui");
        changes().revoke("bot", null);
        assertEquals(List.of("agent_add", "agent_add", "agent_revoke", "agent_revoke"),
                audited.stream().map(AuditEvent::event).toList());
        assertEquals("ui", audited.get(0).details().get("via"));
        assertEquals("github", audited.get(0).details().get("allow"));
        assertFalse(audited.get(1).details().containsKey("via"));
        assertEquals("ui", audited.get(2).details().get("via"));
        assertEquals("ci", audited.get(2).details().get("agent"));
        assertFalse(audited.get(3).details().containsKey("via"));
    }

    @Test
    void warningsSayWhichGrantsInjectNothingYet() throws Exception {
        assertEquals(List.of(), changes().add("ci", "default", List.of("github", " "), null).warnings(),
                "github has its default connection; blank entries are skipped");
        assertEquals(List.of("no --allow: the agent's requests carry no credential"),
                changes().add("bot", "default", List.of(), null).warnings());
    }

    @Test
    void aBadNameOrGrantOrATakenNameStoresNothingAndAuditsNothing() throws Exception {
        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> changes().add("Bad:Name", "default", List.of(), "ui"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("agent name 'Bad:Name' must match"), e.getMessage());
        e = assertThrows(AuthsomeException.class, () -> changes().add("ci", "default", List.of("githb"), "ui"));
        assertEquals("unknown provider 'githb' in --allow (did you mean github, gitlab?)", e.getMessage());
        e = assertThrows(AuthsomeException.class, () -> changes().add("ci", "default", List.of("github=bad name"), "ui"));
        assertTrue(e.getMessage().startsWith("--allow github=bad name: 'bad name' is not a connection name"),
                e.getMessage());
        assertFalse(Files.exists(home.resolve(AgentFile.FILE)));
        String first = changes().add("ci", "default", List.of(), "ui").credential().reveal();
        e = assertThrows(AuthsomeException.class, () -> changes().add("ci", "default", List.of("github"), "ui"));
        assertEquals(ErrorCode.CONNECTION_EXISTS, e.code());
        StoredAgent kept = new AgentFile(home).read().get(0);
        assertTrue(AgentCredentials.matches(kept.salt(), kept.hash(), first), "the first agent is untouched");
        assertEquals(1, audited.size());
    }

    @Test
    void withTheSharedProxyOffThereIsNoProxyUrlAndABadPortStopsTheAdd() throws Exception {
        Config off = new Config(Config.DEFAULTS.profile(), Config.DEFAULTS.callback(), Config.DEFAULTS.refresh(),
                Config.DEFAULTS.http(), Config.DEFAULTS.audit(), Config.DEFAULTS.proxy(), new DaemonConfig(Setting.of(0)));
        assertEquals(Optional.empty(), changes(off).add("ci", "default", List.of(), null).httpsProxy());
        Config bad = new Config(off.profile(), off.callback(), off.refresh(), off.http(), off.audit(), off.proxy(),
                new DaemonConfig(Setting.invalid("daemon.proxy_port is bad", "fix it")));
        assertEquals(ErrorCode.INVALID_INPUT, assertThrows(AuthsomeException.class,
                () -> changes(bad).add("bot", "default", List.of(), null)).code());
        assertEquals(List.of("ci"), new AgentFile(home).read().stream().map(StoredAgent::name).toList());
    }

    @Test
    void revokeReturnsTheAgentAndSuggestsCloseNamesForAnUnknownOne() throws Exception {
        changes().add("bot", "work", List.of("github"), null);
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> changes().revoke("bto", "ui"));
        assertEquals(ErrorCode.CONNECTION_NOT_FOUND, e.code());
        assertEquals("no agent called 'bto' (did you mean bot?)", e.getMessage());
        Agent revoked = changes().revoke("bot", "ui");
        assertEquals("work", revoked.profile());
        assertEquals(List.of(), new AgentFile(home).read());
    }
}
