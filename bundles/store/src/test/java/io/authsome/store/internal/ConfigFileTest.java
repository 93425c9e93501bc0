package io.authsome.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.AuditConfig;
import io.authsome.api.config.CallbackConfig;
import io.authsome.api.config.Config;
import io.authsome.api.config.DaemonConfig;
import io.authsome.api.config.HttpConfig;
import io.authsome.api.config.ProxyConfig.Unconnected;
import io.authsome.api.config.ProxyConfig;
import io.authsome.api.config.RefreshConfig;
import io.authsome.api.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path home;

    private Path path() {
        return home.resolve("config.json");
    }

    private ConfigFile file() {
        return new ConfigFile(path());
    }

    /** Replaces config.json as an editor that saves by rename would: a new file. */
    private void write(String json) throws Exception {
        Path next = Files.writeString(home.resolve("config.json.tmp"), json);
        Files.move(next, path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aHomeWithoutConfigJsonHasEveryDefault() throws Exception {
        Config config = file().current();
        assertEquals(Config.DEFAULTS, config);
        assertEquals(Vault.DEFAULT_PROFILE, config.profile());
        assertEquals(7998, config.callback().port().require());
        assertEquals(300, config.refresh().leadSeconds());
        assertEquals(new HttpConfig(30, 10), config.http());
        assertEquals(new AuditConfig(10 * 1024 * 1024, 5), config.audit());
        assertNull(config.proxy().upstreamCaFile());
        assertEquals(Map.of(), config.proxy().resolve());
        assertEquals(Unconnected.ANSWER, config.proxy().unconnected().require());
        assertEquals(true, config.proxy().http2().require());
    }

    @Test
    void everySettingIsReadFromItsSection() throws Exception {
        write("""
                {"profile": "work", "callback": {"port": 8765}, "refresh": {"lead_seconds": 600},
                 "http": {"timeout_seconds": 60, "connect_timeout_seconds": 5},
                 "audit": {"max_bytes": 2048, "keep": 2},
                 "proxy": {"upstream_ca_file": "/etc/ca.pem", "resolve": {"api.example.com": "127.0.0.1", "b": "::1"},
                           "unconnected": "PASS", "http2": false}}
                """);
        Config config = file().current();
        assertEquals("work", config.profile());
        assertEquals(8765, config.callback().port().require());
        assertEquals(new RefreshConfig(600), config.refresh());
        assertEquals(new HttpConfig(60, 5), config.http());
        assertEquals(new AuditConfig(2048, 2), config.audit());
        assertEquals("/etc/ca.pem", config.proxy().upstreamCaFile());
        assertEquals(List.of("api.example.com", "b"), List.copyOf(config.proxy().resolve().keySet()));
        assertEquals(Unconnected.PASS, config.proxy().unconnected().require());
        assertEquals(false, config.proxy().http2().require());
    }

    @Test
    void aValueOfTheWrongTypeGivesTheDefault() throws Exception {
        write("""
                {"profile": 7, "refresh": {"lead_seconds": "600"}, "http": [1, 2], "audit": {"max_bytes": null},
                 "proxy": {"upstream_ca_file": "  ", "resolve": {"a": "127.0.0.1", "b": 5}, "unconnected": 1}}
                """);
        Config config = file().current();
        assertEquals(Vault.DEFAULT_PROFILE, config.profile());
        assertEquals(RefreshConfig.DEFAULTS, config.refresh());
        assertEquals(HttpConfig.DEFAULTS, config.http());
        assertEquals(AuditConfig.DEFAULTS, config.audit());
        assertNull(config.proxy().upstreamCaFile());
        assertEquals(Map.of("a", "127.0.0.1"), config.proxy().resolve());
        assertEquals(Unconnected.ANSWER, config.proxy().unconnected().require());
    }

    @Test
    void aNumberWithAFractionIsCutToAWholeOneAsBefore() throws Exception {
        write("{\"refresh\": {\"lead_seconds\": 1e3}, \"audit\": {\"keep\": 2.7}}");
        Config config = file().current();
        assertEquals(1000, config.refresh().leadSeconds());
        assertEquals(2, config.audit().keep());
    }

    @Test
    void aPortThatIsNoPortStopsOnlyWhoUsesIt() throws Exception {
        for (String port : List.of("99999", "-1", "0", "\"8765\"", "1e3", "true", "{}")) {
            write("{\"callback\": {\"port\": " + port + "}, \"refresh\": {\"lead_seconds\": 42}}");
            Config config = file().current();
            assertEquals(42, config.refresh().leadSeconds(), "the other settings are read");
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> config.callback().port().require());
            assertEquals(ErrorCode.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().startsWith("callback.port in " + path() + " is "), e.getMessage());
            assertTrue(e.getMessage().endsWith(", not a port number from 1 to 65535"), e.getMessage());
            assertEquals("set callback.port in " + path() + " to a free port from 1024 to 65535 (default 7998),"
                    + " or remove it", e.nextStep());
        }
        write("{\"callback\": {\"port\": \"" + "9".repeat(60) + "\"}}");
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> file().current().callback().port().require());
        assertEquals("callback.port in " + path() + " is \"" + "9".repeat(39) + "..., not a port number from 1 to 65535",
                e.getMessage());
        write("{\"callback\": {\"port\": 1}}");
        assertEquals(1, file().current().callback().port().require());
        write("{\"callback\": {\"port\": 65535}}");
        assertEquals(65535, file().current().callback().port().require());
        write("{\"callback\": 8000}");
        assertEquals(CallbackConfig.DEFAULT_PORT, file().current().callback().port().require());
    }

    @Test
    void theSharedProxyPortDefaultsBesideTheCallbackAndZeroTurnsItOff() throws Exception {
        assertEquals(DaemonConfig.DEFAULT_PROXY_PORT, file().current().daemon().proxyPort().require());
        assertNotEquals(CallbackConfig.DEFAULT_PORT, DaemonConfig.DEFAULT_PROXY_PORT,
                "a running shared proxy would take the port of every browser login");
        write("{\"daemon\": {\"proxy_port\": 0}}");
        assertEquals(0, file().current().daemon().proxyPort().require());
        write("{\"daemon\": {\"proxy_port\": 8123}}");
        assertEquals(8123, file().current().daemon().proxyPort().require());
        for (String port : List.of("65536", "-1", "\"8123\"", "true")) {
            write("{\"daemon\": {\"proxy_port\": " + port + "}, \"refresh\": {\"lead_seconds\": 42}}");
            Config config = file().current();
            assertEquals(42, config.refresh().leadSeconds(), "the other settings are read");
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> config.daemon().proxyPort().require());
            assertEquals(ErrorCode.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().endsWith(", not a port number from 0 to 65535"), e.getMessage());
            assertEquals("set daemon.proxy_port in " + path() + " to a free port from 1024 to 65535 (default "
                    + DaemonConfig.DEFAULT_PROXY_PORT + "; 0 for no shared proxy), or remove it", e.nextStep());
        }
    }

    @Test
    void theSocketGroupIsAGroupNameOrNothing() throws Exception {
        assertEquals(Optional.empty(), file().current().daemon().socketGroup().require());
        write("{\"daemon\": {\"socket_group\": \"authsome-agents\"}}");
        assertEquals(Optional.of("authsome-agents"), file().current().daemon().socketGroup().require());
        write("{\"daemon\": {\"socket_group\": \"\"}}");
        assertEquals(Optional.empty(), file().current().daemon().socketGroup().require());
        for (String group : List.of("7", "true", "[\"agents\"]", "\"agents; rm -rf /\"", "\"-agents\"",
                "\"" + "a".repeat(33) + "\"")) {
            write("{\"daemon\": {\"socket_group\": " + group + ", \"proxy_port\": 8123}}");
            Config config = file().current();
            assertEquals(8123, config.daemon().proxyPort().require(), "the other settings are read");
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> config.daemon().socketGroup().require());
            assertEquals(ErrorCode.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().startsWith("daemon.socket_group in " + path() + " is "), e.getMessage());
            assertTrue(e.getMessage().endsWith(", not a group name"), e.getMessage());
            assertTrue(e.nextStep().contains("docs/daemon.md"), e.nextStep());
        }
    }

    @Test
    void anUnknownUnconnectedPolicyStopsRunWithBothChoices() throws Exception {
        write("{\"proxy\": {\"unconnected\": \"drop\"}}");
        ProxyConfig proxy = file().current().proxy();
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> proxy.unconnected().require());
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertEquals("proxy.unconnected in " + path() + " is 'drop'; it must be \"answer\" or \"pass\"", e.getMessage());
        assertEquals("set proxy.unconnected to \"answer\" or \"pass\" in " + path(), e.nextStep());
    }

    @Test
    void anHttp2SettingThatIsNoBooleanStopsRunWithTheFix() throws Exception {
        write("{\"proxy\": {\"http2\": \"no\"}}");
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> file().current().proxy().http2().require());
        assertEquals("proxy.http2 in " + path() + " is \"no\", not true or false", e.getMessage());
        assertEquals("set proxy.http2 to true or false (no quotes) in " + path() + ", or remove it (default true)",
                e.nextStep());
    }

    @Test
    void malformedJsonGivesEveryDefault() throws Exception {
        for (String json : List.of("{\"refresh\": {\"lead_seconds\": 600}", "[1]", "", "not json")) {
            write(json);
            assertEquals(Config.DEFAULTS, file().current(), json);
        }
    }

    @Test
    void aRewrittenFileIsSeenAtTheNextCall() throws Exception {
        ConfigFile file = file();
        assertEquals(300, file.current().refresh().leadSeconds());
        write("{\"refresh\": {\"lead_seconds\": 600}}");
        assertEquals(600, file.current().refresh().leadSeconds());
        // Written in place (same file), to another size.
        Files.writeString(path(), "{\"refresh\": {\"lead_seconds\": 12345}}");
        assertEquals(12345, file.current().refresh().leadSeconds());
        // Written in place to the same size: the modification time tells.
        Files.writeString(path(), "{\"refresh\": {\"lead_seconds\": 54321}}");
        Files.setLastModifiedTime(path(), FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(54321, file.current().refresh().leadSeconds());
        write("{\"refresh\": {\"lead_seconds\"");
        assertEquals(300, file.current().refresh().leadSeconds(), "a file broken by an edit gives the defaults");
        Files.delete(path());
        assertEquals(Config.DEFAULTS, file.current());
        write("{\"refresh\": {\"lead_seconds\": 7}}");
        assertEquals(7, file.current().refresh().leadSeconds());
    }

    @Test
    void anUnchangedFileIsNotParsedAgain() throws Exception {
        write("{\"refresh\": {\"lead_seconds\": 600}}");
        ConfigFile file = file();
        Config first = file.current();
        for (int i = 0; i < 100; i++) {
            assertSame(first, file.current());
        }
        assertEquals(1, file.parses());
        write("{\"refresh\": {\"lead_seconds\": 601}}");
        assertEquals(601, file.current().refresh().leadSeconds());
        file.current();
        assertEquals(2, file.parses());
    }

    @Test
    void aMissingFileIsNotParsedAgainEither() {
        ConfigFile file = file();
        file.current();
        file.current();
        assertEquals(1, file.parses());
    }

    @Test
    void theActiveProfileFollowsUseProfileAndMalformedJsonStillRefusesIt() throws Exception {
        VaultComponent vault = VaultFixture.vault(home);
        vault.createProfile("work");
        assertEquals(Vault.DEFAULT_PROFILE, vault.activeProfile());
        vault.useProfile("work");
        assertEquals("work", vault.activeProfile());
        assertTrue(Files.readString(path()).contains("\"profile\""));
        write("{\"profile\": \"work\", ");
        assertEquals(Vault.DEFAULT_PROFILE, vault.activeProfile(), "reads fall back to the default");
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> vault.useProfile(Vault.DEFAULT_PROFILE));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().startsWith(path() + " is not valid JSON"), e.getMessage());
        assertEquals("{\"profile\": \"work\", ", Files.readString(path()), "a malformed file is never overwritten");
    }
}
