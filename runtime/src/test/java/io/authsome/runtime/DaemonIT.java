package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.authsome.client.wire.Frame;
import io.authsome.client.wire.FrameType;
import io.authsome.client.wire.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's life as a user lives it: start, a second start, status, commands through the thin
 * client, a stop that lets a command in flight finish, a daemon killed with SIGKILL, and a socket
 * whose mode lets other users in.
 */
class DaemonIT {
    private static final String KEY = "sk-daemon-7f3e1c9a2b-kept-in-the-vault";

    @TempDir
    Path temp;
    Authsome authsome;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(Daemons.THROUGH_DAEMON, "starts and stops its own daemon");
        authsome = new Authsome(temp.resolve("home"));
        Files.createDirectories(authsome.home());
    }

    @AfterEach
    void tearDown() {
        if (authsome == null) {
            return; // skipped
        }
        pid().flatMap(ProcessHandle::of).ifPresent(daemon -> {
            daemon.destroyForcibly();
            daemon.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> null).join();
        });
    }

    private java.util.Optional<Long> pid() {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(authsome.home().resolve("run/daemon.pid"))
                    .strip()));
        } catch (java.io.IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private Authsome.Run start() {
        Authsome.Run start = authsome.run("daemon", "start");
        assertEquals(0, start.exitCode(), start.toString());
        return start;
    }

    @Test
    void startServesCommandsUntilStopAndASecondStartSaysItRuns() throws Exception {
        Authsome.Run none = authsome.run("--json", "daemon", "status");
        assertEquals(9, none.exitCode(), none.toString());
        assertEquals("RUNTIME_UNAVAILABLE", none.json().get("error").asText());

        Authsome.Run start = start();
        assertTrue(start.out().contains("Started the authsome daemon (pid " + pid().orElseThrow() + ")"), start.toString());
        assertTrue(start.err().contains("Starting the authsome daemon"), "progress on stderr: " + start);
        Path socket = authsome.home().resolve("run/authsome.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));

        Authsome.Run again = authsome.run("--json", "daemon", "start");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.json().get("already_running").asBoolean(), again.toString());

        JsonNode status = authsome.run("--json", "daemon", "status").json();
        assertEquals(pid().orElseThrow(), status.get("pid").asLong(), status.toString());
        assertTrue(status.get("bundles_active").asInt() > 50, status.toString());
        assertTrue(status.get("rss_mb").asLong() > status.get("heap_used_mb").asLong(), status.toString());
        Authsome.Run text = authsome.run("daemon", "status");
        assertTrue(text.out().contains(" MiB resident, heap "), text.toString());

        Authsome.Run login = authsome.with("OPENAI_API_KEY", KEY).run("login", "openai");
        assertEquals(0, login.exitCode(), login.toString());
        Authsome.Run state = authsome.without("OPENAI_API_KEY").run("get", "openai", "--field", "state");
        assertEquals("connected", state.out().strip(), state.toString());
        assertTrue(Files.readString(authsome.home().resolve("logs/daemon.log")).contains("serves"));
        for (int i = 0; i < 5; i++) { // a child that ends at once: its exit may overtake the news that it started
            Authsome.Run run = authsome.run("run", "--", "true");
            assertEquals(0, run.exitCode(), run.toString());
        }
        assertEquals(3, authsome.run("run", "--", "sh", "-c", "exit 3").exitCode());

        long daemon = pid().orElseThrow();
        Authsome.Run stop = authsome.run("daemon", "stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertTrue(ProcessHandle.of(daemon).map(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join()).isPresent()
                || ProcessHandle.of(daemon).isEmpty());
        assertFalse(Files.exists(socket), "the socket goes with the daemon");
        assertEquals(9, authsome.run("daemon", "status").exitCode());
        Authsome.Run inProcess = authsome.run("get", "openai", "--field", "state");
        assertEquals("connected", inProcess.out().strip(), "without a daemon the command runs in-process: " + inProcess);
    }

    @Test
    void aDaemonKilledWithSigkillLeavesNothingThatStopsTheNextStart() throws Exception {
        start();
        long killed = pid().orElseThrow();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        ProcessHandle.of(killed).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertTrue(Files.exists(authsome.home().resolve("run/authsome.sock")), "a killed daemon leaves its socket");

        Authsome.Run list = authsome.run("--json", "list");
        assertEquals(0, list.exitCode(), "the stale socket is passed by, the command runs in-process: " + list);
        assertEquals(9, authsome.run("daemon", "status").exitCode());

        start();
        assertTrue(pid().orElseThrow() != killed);
        assertEquals(0, authsome.run("--json", "daemon", "status").exitCode());
    }

    @Test
    void stopLetsTheCommandInFlightFinish() throws Exception {
        start();
        long daemon = pid().orElseThrow();
        CompletableFuture<Authsome.Run> inFlight = CompletableFuture.supplyAsync(() ->
                authsome.run("run", "--", "sh", "-c", "sleep 2; echo finished"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!authsome.run("--json", "daemon", "status").out().contains("\"commands_in_flight\" : 2")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Authsome.Run stop = authsome.run("daemon", "stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        Authsome.Run run = inFlight.get(60, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("finished"), run.toString());
        ProcessHandle.of(daemon).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertTrue(Files.readString(authsome.home().resolve("logs/daemon.log")).contains("stopped"));
    }

    @Test
    void aSocketOtherUsersCanReachIsRefusedBeforeAnythingIsSent() throws Exception {
        start();
        Path socket = authsome.home().resolve("run/authsome.sock");
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Authsome.Run refused = authsome.with("OPENAI_API_KEY", KEY).run("login", "openai");
        assertEquals(9, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("lets every user connect to it"), refused.toString());
        assertTrue(refused.err().contains("authsome daemon restart"), refused.toString());
        assertFalse(Files.readString(authsome.home().resolve("logs/daemon.log")).contains(KEY));
        assertFalse(Files.exists(authsome.home().resolve("audit.log"))
                && Files.readString(authsome.home().resolve("audit.log")).contains("login"), "nothing was done");
    }

    /**
     * A client that closes its socket as soon as its command ended must not disturb the next
     * command, which may run on the very thread the first one ran on.
     */
    @Test
    void commandsBackToBackEachRunToTheirEnd() throws Exception {
        start();
        for (int i = 0; i < 150; i++) {
            String out = wireCommand(i, "--version");
            assertTrue(out.startsWith("authsome "), "command " + i + " printed: " + out);
        }
    }

    /** One command over the socket, as the thin client sends it; its standard output once it exited 0. */
    private String wireCommand(int index, String... arguments) throws Exception {
        Path own = temp.resolve("client-" + index + ".sock");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(own));
            channel.connect(UnixDomainSocketAddress.of(authsome.home().resolve("run/authsome.sock")));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            new Request(ProcessHandle.current().pid(), temp.toString(), false, false, false, List.of(arguments),
                    Map.of("PATH", System.getenv("PATH"))).toFrame().writeTo(out);
            out.flush();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            while (true) {
                Optional<Frame> frame = Frame.readFrom(in);
                assertTrue(frame.isPresent(), "command " + index + ": the daemon closed the connection before its end");
                if (frame.get().type() == FrameType.EXIT) {
                    assertEquals(0, frame.get().number(), "command " + index);
                    return stdout.toString(java.nio.charset.StandardCharsets.UTF_8);
                }
                if (frame.get().type() == FrameType.STDOUT) {
                    stdout.writeBytes(frame.get().payload());
                }
            }
        } finally {
            Files.deleteIfExists(own);
        }
    }
}
