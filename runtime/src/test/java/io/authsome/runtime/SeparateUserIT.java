package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strongest set-up of docs/daemon.md ("Running the daemon as its own user") with real users:
 * the daemon runs as a system user of its own whose home only it can read, with
 * {@code daemon.socket_group}; an agent runs as a normal user in that group. The agent reaches
 * the daemon through the socket and uses the credential through the shared proxy, and cannot read
 * a single secret: not a file of the home, not through any command, and the key is never printed
 * to it.
 * <p>
 * Needs root (useradd, runuser), as CI runs: skipped otherwise. The users and the group get
 * fresh names and are removed afterwards; the distribution is copied below a temporary folder
 * of mode 0755, so that the path of the build does not have to be open to other users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeparateUserIT {
    private static final String KEY = "sk-separate-user-8d41c7e09b-never-read";
    private static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"),
            Path.of("/bin"));

    @TempDir
    static Path temp;
    Path root;
    Path dist;
    Path home;
    String daemonUser;
    String agentUser;
    String group;
    final List<String> usersMade = new ArrayList<>();
    boolean groupMade;
    TestCa ca;
    ApiServer api;
    JsonNode agent;

    @BeforeAll
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "this test starts its own daemon");
        assumeTrue("0".equals(output(List.of("id", "-u")).strip()), "needs root to add users (CI runs as root)");
        for (String tool : List.of("useradd", "userdel", "groupadd", "groupdel", "runuser")) {
            assumeTrue(tool(tool).isPresent(), tool + " is missing (Debian: passwd, util-linux)");
        }
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        group = "asg" + suffix;
        daemonUser = "asd" + suffix;
        agentUser = "asa" + suffix;

        root = temp.resolve("separate-user");
        Files.createDirectories(root);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        dist = copyDistribution(root.resolve("authsome"));

        asRoot("groupadd", group);
        groupMade = true;
        asRoot("useradd", "--system", "--no-create-home", "--home-dir", root.resolve("daemon-home").toString(),
                "--shell", "/usr/sbin/nologin", "--groups", group, daemonUser);
        usersMade.add(daemonUser);
        asRoot("useradd", "--no-create-home", "--home-dir", root.resolve("agent-home").toString(), "--shell", "/bin/sh",
                "--groups", group, agentUser);
        usersMade.add(agentUser);
        for (String user : List.of(daemonUser, agentUser)) {
            String prefix = user.equals(daemonUser) ? "daemon" : "agent";
            for (String dir : List.of(prefix + "-home", prefix + "-cache")) {
                privateDirectory(root.resolve(dir), user);
            }
        }
        home = root.resolve("home");
        privateDirectory(home, daemonUser);

        ca = TestCa.create(List.of(RunProxyIT.API));
        api = ApiServer.start(ca.serverContext());
        Path upstreamCa = ca.writeCertificate(root.resolve("upstream-ca.pem"));
        Files.setPosixFilePermissions(upstreamCa, PosixFilePermissions.fromString("rw-r--r--"));
        Path config = Files.writeString(home.resolve("config.json"), "{\"proxy\": {\"upstream_ca_file\": \"" + upstreamCa
                + "\", \"resolve\": {\"" + RunProxyIT.API + "\": \"127.0.0.1\"}}, \"daemon\": {\"proxy_port\": "
                + FreePorts.loopback() + ", \"socket_group\": \"" + group + "\"}}");
        asRoot("chown", daemonUser + ":", config.toString());
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--")); // as an editor may leave it

        Path definition = Files.writeString(root.resolve("echoapi.json"), "{\"name\": \"echoapi\", \"auth_type\":"
                + " \"api_key\", \"api_url\": \"" + RunProxyIT.API + "\", \"api_key\": {\"header_name\": \"Authorization\","
                + " \"header_prefix\": \"Bearer \", \"env_var\": \"ECHOAPI_KEY\"}, \"export\": {\"env\": {\"api_key\":"
                + " [\"ECHOAPI_KEY\"]}}}");
        Files.setPosixFilePermissions(definition, PosixFilePermissions.fromString("rw-r--r--"));
        ok(asDaemon(Map.of(), "register", definition.toString()));
        ok(asDaemon(Map.of("ECHOAPI_KEY", KEY), "login", "echoapi"));
        ok(asDaemon(Map.of(), "daemon", "start"));
        Authsome.Run add = asDaemon(Map.of(), "--json", "agent", "add", "bot", "--allow", "echoapi");
        ok(add);
        agent = add.json();
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            Optional<ProcessHandle> daemon = home == null ? Optional.empty() : pid().flatMap(ProcessHandle::of);
            if (daemon.isPresent()) {
                // stopped through the socket, the daemon answers before its JVM has exited
                Authsome.Run stop = asDaemon(Map.of(), "daemon", "stop");
                if (stop.exitCode() != 0 || daemon.get().onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS)
                        .join() == null) {
                    daemon.get().destroyForcibly();
                    daemon.get().onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
                }
            }
        } finally {
            if (api != null) {
                api.close();
            }
            List<String> left = new ArrayList<>();
            for (String user : usersMade) {
                Authsome.Run userdel = run(List.of(tool("userdel").orElseThrow().toString(), user), Map.of());
                if (userdel.exitCode() != 0) {
                    left.add("user " + user + ": " + userdel);
                }
            }
            if (groupMade) {
                Authsome.Run groupdel = run(List.of(tool("groupdel").orElseThrow().toString(), group), Map.of());
                if (groupdel.exitCode() != 0) {
                    left.add("group " + group + ": " + groupdel);
                }
            }
            assertEquals(List.of(), left, "what the test made stays behind");
        }
    }

    @Test
    void theDaemonOpensTheWayToItsSocketAndNothingElse() throws Exception {
        assertMode(home, "rwx--x---", group);
        assertMode(home.resolve("run"), "rwxr-x---", group);
        assertMode(home.resolve("run/authsome.sock"), "rw-rw----", group);
        assertMode(home.resolve("run/daemon.pid"), "rw-r-----", group);
        assertMode(home.resolve("ca"), "rwx--x---", group);
        assertMode(home.resolve("ca/agents"), "rwxr-x---", group);
        assertMode(home.resolve("ca/agents/ca-bundle.pem"), "rw-r-----", group);
        for (String secret : List.of("master.key", "config.json", "agents.json", "audit.log", "ca/ca.key")) {
            assertMode(home.resolve(secret), "rw-------", null);
        }
        for (String dir : List.of("profiles", "logs", "ca/child-trust")) {
            assertMode(home.resolve(dir), "rwx------", null);
        }
        Authsome.Run doctor = asDaemon(Map.of(), "doctor");
        assertTrue(doctor.out().contains("mode 0710: the group " + group), doctor.toString());
    }

    @Test
    void theAgentUserUsesTheDaemonThroughTheSocket() {
        Authsome.Run list = asAgent(Map.of(), "--json", "list");
        ok(list);
        assertTrue(list.out().contains("\"connected\""), "the daemon answered, with the daemon's vault: " + list);
        assertNoKey(list);
        Authsome.Run state = asAgent(Map.of(), "get", "echoapi", "--field", "state");
        ok(state);
        assertEquals("connected", state.out().strip(), state.toString());
        Authsome.Run redacted = asAgent(Map.of(), "--json", "get", "echoapi");
        ok(redacted);
        assertNoKey(redacted);
    }

    @Test
    void everyCommandThatRevealsOrChangesASecretIsRefusedAndAudited() throws Exception {
        List<List<String>> refused = List.of(List.of("get", "echoapi", "--show-secret"), List.of("export", "echoapi"),
                List.of("agent", "add", "x"), List.of("login", "echoapi"), List.of("vault", "rekey"),
                List.of("daemon", "stop"), List.of("-f", home.resolve("master.key").toString()));
        for (List<String> command : refused) {
            Authsome.Run run = asAgent(Map.of(), command.toArray(String[]::new));
            assertEquals(4, run.exitCode(), command + ": " + run);
            assertTrue(run.err().contains("for user " + agentUser + " (the daemon runs as " + daemonUser + ")"),
                    command + ": " + run);
            assertNoKey(run);
            assertFalse(run.err().contains("keyring"), "not a word of the key file: " + run);
        }
        String audit = Files.readString(home.resolve("audit.log"));
        for (String command : List.of("get", "export", "agent", "login", "vault", "daemon")) {
            assertTrue(audit.contains("\"caller\":\"for user " + agentUser + " (the daemon runs as " + daemonUser
                    + ")\",\"command\":\"" + command + "\""), command + " refused and audited: " + audit);
        }
        assertTrue(pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false), "the daemon still runs");
    }

    @Test
    void theAgentUserCannotReadAFileOfTheHome() throws Exception {
        List<Path> secrets = new ArrayList<>(List.of(home.resolve("master.key"), home.resolve("agents.json"),
                home.resolve("audit.log"), home.resolve("config.json"), home.resolve("ca/ca.key"),
                home.resolve("logs/daemon.log")));
        try (Stream<Path> records = Files.walk(home.resolve("profiles"))) {
            records.filter(Files::isRegularFile).forEach(secrets::add);
        }
        assertTrue(secrets.size() > 6, "the records are there: " + secrets);
        for (Path secret : secrets) {
            Authsome.Run cat = asAgentRaw(Map.of(), "cat", secret.toString());
            assertNotEquals(0, cat.exitCode(), secret + ": " + cat);
            assertTrue(cat.err().contains("Permission denied"), secret + ": " + cat);
        }
        Authsome.Run list = asAgentRaw(Map.of(), "ls", home.toString());
        assertTrue(list.err().contains("Permission denied"), "the home cannot be listed: " + list);
        Authsome.Run environ = asAgentRaw(Map.of(), "cat", "/proc/" + pid().orElseThrow() + "/environ");
        assertNotEquals(0, environ.exitCode(), "nor the daemon's environment: " + environ);

        Authsome.Run bundle = asAgentRaw(Map.of(), "head", "-c", "27", agent.get("ca_bundle").asText());
        assertEquals("-----BEGIN CERTIFICATE-----", bundle.out(), "the agents' CA bundle is readable: " + bundle);
        // Everything authsome writes that the agent user could reach: the test's root, and what
        // clients leave in the temporary directory (not the whole of it: a checkout may live there).
        Authsome.Run search = asAgentRaw(Map.of(), "sh", "-c", "grep -rslF -e \"$0\" \"$1\" /tmp/authsome-* 2>/dev/null",
                KEY, root.toString());
        assertEquals("", search.out(), "no file the agent user can read holds the key");
    }

    @Test
    void theAgentUserGetsTheKeyInjectedThroughTheSharedProxy() {
        Authsome.Run curl = asAgentRaw(Map.of("https_proxy", agent.get("https_proxy").asText()), "curl", "-sS",
                "--max-time", "20", "--cacert", agent.get("ca_bundle").asText(), "-w", "\nstatus=%{http_code}",
                "https://" + RunProxyIT.API + ":" + api.port() + "/echo");
        assertTrue(curl.out().contains("status=200"), curl.toString());
        assertTrue(curl.out().contains("Bearer " + KEY), "the API got the key the agent never saw: " + curl);
    }

    private void assertNoKey(Authsome.Run run) {
        assertFalse(run.out().contains(KEY) || run.err().contains(KEY), "the key was printed to the agent user: " + run);
    }

    private static void assertMode(Path path, String mode, String group) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        assertEquals(mode, PosixFilePermissions.toString(attributes.permissions()), path.toString());
        if (group != null) {
            assertEquals(group, attributes.group().getName(), path.toString());
        }
    }

    private Optional<Long> pid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(home.resolve("run/daemon.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void ok(Authsome.Run run) {
        assertEquals(0, run.exitCode(), run.toString());
    }

    /** bin/authsome as the daemon's user, with its home, cache and {@code extra} variables. */
    private Authsome.Run asDaemon(Map<String, String> extra, String... args) {
        return as(daemonUser, "daemon", extra, prepend(dist.resolve("bin/authsome").toString(), args));
    }

    /** bin/authsome as the agents' user, with AUTHSOME_HOME the daemon's home, as docs/daemon.md sets it up. */
    private Authsome.Run asAgent(Map<String, String> extra, String... args) {
        return as(agentUser, "agent", extra, prepend(dist.resolve("bin/authsome").toString(), args));
    }

    /** Another program as the agents' user. */
    private Authsome.Run asAgentRaw(Map<String, String> extra, String... command) {
        return as(agentUser, "agent", extra, command);
    }

    private Authsome.Run as(String user, String prefix, Map<String, String> extra, String... command) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("AUTHSOME_HOME", home.toString());
        environment.put("XDG_CACHE_HOME", root.resolve(prefix + "-cache").toString());
        environment.put("LANG", "C.UTF-8");
        environment.putAll(extra);
        List<String> line = new ArrayList<>(List.of(tool("runuser").orElseThrow().toString(), "-u", user, "--"));
        line.addAll(List.of(command));
        return run(line, environment);
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Runs {@code command} as root, in {@code root} (a folder every user may enter), with only {@code environment}. */
    private Authsome.Run run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile()));
            if (root != null) {
                builder.directory(root.toFile());
            }
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            var out = Authsome.drain(process.getInputStream());
            var err = Authsome.drain(process.getErrorStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Authsome.Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + " could not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void asRoot(String tool, String... args) {
        List<String> line = new ArrayList<>(List.of(tool(tool).orElseThrow().toString()));
        line.addAll(List.of(args));
        ok(run(line, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")));
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static Optional<Path> tool(String name) {
        return SBIN.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    private void privateDirectory(Path dir, String owner) throws IOException {
        Files.createDirectories(dir);
        asRoot("chown", owner + ":", dir.toString());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    /** A copy of the built distribution, readable by every user wherever the build lies. */
    private static Path copyDistribution(Path target) throws IOException {
        Path source = Authsome.DIST.toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(Files.isExecutable(file)
                            ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        return target;
    }
}
