package io.authsome.store.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agents;
import io.authsome.api.audit.AuditEvent;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Table;
import io.authsome.api.command.Text;
import io.authsome.api.config.Config;
import io.authsome.api.config.DaemonConfig;
import io.authsome.api.config.Setting;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.vault.Secret;
import io.authsome.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agent add|list|revoke} over a real {@code agents.json} in a temporary home. */
class AgentCommandTest {
    @TempDir
    Path home;

    private final List<AuditEvent> audited = new ArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private Config config = Config.DEFAULTS;

    private AgentCommand command() {
        AgentCommand command = new AgentCommand();
        AgentFakes.inject(command, "agents", AgentFakes.agents(home, null, config, audited));
        return command;
    }

    private CommandContext context() {
        return AgentFakes.context(home, new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private CommandResult run(String... args) throws AuthsomeException {
        return AgentFakes.parse(command(), args).execute(context());
    }

    /** Whether the agents service of the home admits {@code name} with {@code credential}. */
    private boolean admits(String name, String credential) throws Exception {
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        AgentsComponent agents = AgentFakes.agents(home, recorder);
        boolean admitted = agents.authenticate(name, Secret.of(credential)).isPresent();
        agents.deactivate();
        assertTrue(recorder.awaitTermination(10, TimeUnit.SECONDS));
        return admitted;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(CommandResult result) {
        return (Map<String, Object>) result.data();
    }

    /** Everything a result shows: its JSON and its text. */
    private static String shown(CommandResult result) {
        StringBuilder all = new StringBuilder(Json.write(result.data()));
        result.blocks().forEach(block -> all.append('\n').append(block));
        return all.toString();
    }

    @Test
    void addShowsTheProxyUrlOnceAndKeepsOnlyAHash() throws Exception {
        CommandResult added = run("add", "ci", "--allow", "github,openai=work");
        Map<String, Object> data = data(added);
        String credential = (String) data.get("credential");
        assertTrue(credential.matches("[A-Za-z0-9_-]{43}"), credential);
        assertEquals("http://ci:" + credential + "@127.0.0.1:" + DaemonConfig.DEFAULT_PROXY_PORT, data.get("https_proxy"));
        assertEquals(List.of("github", "openai=work"), data.get("allow"));
        assertEquals("default", data.get("profile"));
        assertEquals(Agents.caBundle(new HomeLayout(home)).toString(), data.get("ca_bundle"));
        assertEquals(home.resolve("ca").resolve("ca.pem").toString(), data.get("ca_file"));
        String text = ((Text) added.blocks().get(0)).text();
        assertTrue(text.contains("HTTPS_PROXY=http://ci:" + credential + "@127.0.0.1:"), text);
        assertTrue(text.contains("SSL_CERT_FILE=" + data.get("ca_bundle")), text);

        assertTrue(admits("ci", credential));

        assertEquals(List.of("agent_add"), audited.stream().map(AuditEvent::event).toList());
        assertEquals("ci", audited.get(0).details().get("agent"));
        assertEquals("github,openai=work", audited.get(0).details().get("allow"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("openai has no connection 'work' in profile default"),
                stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCredentialAppearsNowhereButInTheResultOfAdd() throws Exception {
        String credential = (String) data(run("add", "ci", "--allow", "github")).get("credential");
        List<String> elsewhere = new ArrayList<>();
        elsewhere.add(shown(run("list")));
        run("add", "bot");
        elsewhere.add(shown(run("revoke", "ci")));
        elsewhere.add(shown(run("list")));
        audited.forEach(event -> elsewhere.add(event.toString()));
        elsewhere.add(stderr.toString(StandardCharsets.UTF_8));
        try (var files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                elsewhere.add(Files.readString(file));
            }
        }
        for (String output : elsewhere) {
            assertFalse(output.contains(credential), output);
        }
    }

    @Test
    void listShowsNamesGrantsAndDatesNeverACredential() throws Exception {
        assertTrue(((Text) run("list").blocks().get(0)).text().startsWith("No agents."));
        run("add", "ci", "--allow", "github", "--allow", "openai=work");
        run("add", "bot");
        CommandResult list = run("list");
        Table table = (Table) list.blocks().get(0);
        assertEquals(List.of("NAME", "PROFILE", "ALLOW", "CREATED", "LAST USED"), table.columns());
        assertEquals(List.of("ci", "default", "github,openai=work"), table.rows().get(0).subList(0, 3));
        assertEquals("never", table.rows().get(0).get(4));
        assertEquals("(none)", table.rows().get(1).get(2));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> agents = (List<Map<String, Object>>) data(list).get("agents");
        assertEquals(List.of("name", "profile", "allow", "created", "last_used"), List.copyOf(agents.get(0).keySet()));
    }

    @Test
    void anExistingNameIsAnErrorThatSaysToRevokeFirst() throws Exception {
        String first = (String) data(run("add", "ci")).get("credential");
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> run("add", "ci", "--allow", "github"));
        assertEquals(ErrorCode.CONNECTION_EXISTS, e.code());
        assertTrue(e.nextStep().startsWith("authsome agent revoke ci first"), e.nextStep());
        assertTrue(admits("ci", first), "the first agent is untouched");
        assertEquals(1, audited.size());
    }

    @Test
    void anUnknownProviderIsAUsageErrorWithASuggestion() {
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> run("add", "ci", "--allow", "githb"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertEquals("unknown provider 'githb' in --allow (did you mean github, gitlab?)", e.getMessage());
        assertEquals(ErrorCode.USAGE, assertThrows(AuthsomeException.class,
                () -> run("add", "ci", "--allow", "github,github=work")).code());
        assertEquals(ErrorCode.USAGE, assertThrows(AuthsomeException.class,
                () -> run("add", "ci", "--allow", "github=bad name")).code());
        assertEquals(ErrorCode.USAGE, assertThrows(AuthsomeException.class, () -> run("add", "Bad:Name")).code());
        assertFalse(Files.exists(home.resolve(AgentFile.FILE)), "nothing is stored");
        assertTrue(audited.isEmpty());
    }

    @Test
    void revokeRemovesTheAgentAndIsAudited() throws Exception {
        String credential = (String) data(run("add", "ci", "--allow", "github")).get("credential");
        CommandResult revoked = run("revoke", "ci");
        assertEquals(Map.of("name", "ci", "revoked", true), data(revoked));
        assertFalse(admits("ci", credential));
        assertEquals(List.of("agent_add", "agent_revoke"), audited.stream().map(AuditEvent::event).toList());
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> run("revoke", "cj"));
        assertEquals(ErrorCode.CONNECTION_NOT_FOUND, e.code());
        run("add", "bot");
        e = assertThrows(AuthsomeException.class, () -> run("revoke", "bto"));
        assertEquals("no agent called 'bto' (did you mean bot?)", e.getMessage());
    }

    @Test
    void withTheSharedProxyOffTheAgentIsAddedWithoutAProxyUrl() throws Exception {
        config = new Config(config.profile(), config.callback(), config.refresh(), config.http(), config.audit(),
                config.proxy(), new DaemonConfig(Setting.of(0)));
        CommandResult added = run("add", "ci");
        assertEquals(null, data(added).get("https_proxy"));
        assertTrue(((Text) added.blocks().get(0)).text().contains("the shared proxy is off"));
        config = new Config(config.profile(), config.callback(), config.refresh(), config.http(), config.audit(),
                config.proxy(), new DaemonConfig(Setting.invalid("daemon.proxy_port is bad", "fix it")));
        assertEquals(ErrorCode.INVALID_INPUT, assertThrows(AuthsomeException.class, () -> run("add", "bot")).code());
    }

    @Test
    void theActionsAreSubcommands() {
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> AgentFakes.parse(command(), "rename", "x"));
        assertThrows(CommandLine.MissingParameterException.class, () -> AgentFakes.parse(command(), "add"));
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> AgentFakes.parse(command()).execute(context()));
        assertEquals(ErrorCode.USAGE, e.code());
    }
}
