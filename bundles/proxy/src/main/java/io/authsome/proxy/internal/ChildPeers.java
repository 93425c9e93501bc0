package io.authsome.proxy.internal;

import io.authsome.client.process.ProcSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tells whether a connection to the proxy comes from the run's child or one of its descendants,
 * by finding the socket's owner in {@code /proc} (Linux). This admits clients that cannot send
 * proxy credentials, such as the JVM's HTTP clients, which take no proxy password from system
 * properties, while other local processes still get 407. Thread-safe.
 */
final class ChildPeers {
    private static final Path PROC = Path.of("/proc");

    private volatile long root = -1;

    /** The child process whose tree is admitted. */
    void admit(long pid) {
        root = pid;
    }

    /** Whether the connection from {@code client} to the proxy's {@code local} is held by the child or a descendant. */
    boolean owns(InetSocketAddress client, InetSocketAddress local) {
        long pid = root;
        if (pid <= 0 || client == null || local == null || !Files.isDirectory(PROC.resolve("net"))) {
            return false;
        }
        try {
            String inode = clientInode(client.getPort(), local.getPort());
            if (inode == null) {
                return false;
            }
            List<Long> tree = Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream()
                    .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList();
            for (long candidate : tree) {
                if (ProcSockets.holds(candidate, inode)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The inode of the TCP socket whose local port is {@code clientPort} and remote port {@code proxyPort}. */
    private static String clientInode(int clientPort, int proxyPort) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X", clientPort);
        String remote = String.format(Locale.ROOT, ":%04X", proxyPort);
        for (String table : new String[] {"tcp", "tcp6"}) {
            Path file = PROC.resolve("net").resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
                    return fields[9];
                }
            }
        }
        return null;
    }
}
