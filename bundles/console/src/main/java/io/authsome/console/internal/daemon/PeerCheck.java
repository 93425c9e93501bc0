package io.authsome.console.internal.daemon;

import io.authsome.client.process.ProcSockets;
import io.authsome.client.process.RunAncestry;
import io.authsome.client.wire.Request;
import io.authsome.console.internal.Person;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;

/**
 * Who is at the other end of the daemon's socket, found out by the daemon and never taken from
 * the client's word: the user from the kernel's peer credentials ({@code SO_PEERCRED}); the
 * process from {@code /proc}: the client binds its socket to a path of its own, which
 * {@code /proc/net/unix} maps to the socket's inode, and the pid the client names must hold that
 * socket. The process's ancestry then tells whether it runs inside an {@code authsome run} child.
 * A peer that is another user, or a process that cannot be identified, may use the commands that
 * touch no secret only.
 */
final class PeerCheck {
    private static final Path PROC = Path.of("/proc");

    private PeerCheck() {
    }

    /** Why the client of {@code channel} may not touch a secret, if it may not. */
    static Optional<Person.Confinement> confinement(SocketChannel channel, Request request) {
        Optional<String> user = peerUser(channel);
        String own = System.getProperty("user.name");
        if (user.isPresent() && !user.get().equals(own)) {
            return Optional.of(new Person.Confinement("for user " + user.get() + " (the daemon runs as " + own
                    + ")", null));
        }
        if (!holdsSocket(request.pid(), clientPath(channel))) {
            return Optional.of(new Person.Confinement("from a process the daemon could not identify (it named pid "
                    + request.pid() + ")", null));
        }
        return RunAncestry.runAncestorOf(request.pid()).map(Person.Confinement::insideRun);
    }

    /** The peer's user name, when the platform tells. */
    static Optional<String> peerUser(SocketChannel channel) {
        try {
            return Optional.of(channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName());
        } catch (IOException | UnsupportedOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> clientPath(SocketChannel channel) {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            if (remote instanceof UnixDomainSocketAddress unix && !unix.getPath().toString().isEmpty()) {
                return Optional.of(unix.getPath());
            }
        } catch (IOException e) {
            // closed meanwhile
        }
        return Optional.empty();
    }

    /** Whether process {@code pid} holds the socket bound to {@code path}. */
    private static boolean holdsSocket(long pid, Optional<Path> path) {
        if (path.isEmpty() || pid <= 0) {
            return false;
        }
        try {
            Optional<String> inode = inodeOf(path.get().toString());
            return inode.isPresent() && ProcSockets.holds(pid, inode.get());
        } catch (IOException e) {
            return false;
        }
    }

    /** The inode of the Unix socket bound to {@code path}, from {@code /proc/net/unix}. */
    private static Optional<String> inodeOf(String path) throws IOException {
        List<String> lines = Files.readAllLines(PROC.resolve("net").resolve("unix"));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+", 8);
            if (fields.length == 8 && fields[7].equals(path)) {
                return Optional.of(fields[6]);
            }
        }
        return Optional.empty();
    }
}
