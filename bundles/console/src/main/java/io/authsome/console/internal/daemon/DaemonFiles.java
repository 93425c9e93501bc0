package io.authsome.console.internal.daemon;

import io.authsome.api.home.HomeLayout;
import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/** The daemon's files in a home: its pid file and socket, and whether a daemon answers on it. */
final class DaemonFiles {
    private DaemonFiles() {
    }

    static void writePid(HomeLayout home) throws IOException {
        PrivateFiles.writeAtomically(home.daemonPid(), (ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The pid in the pid file, if there is one and it names a live process. */
    static Optional<ProcessHandle> runningPid(HomeLayout home) {
        try {
            long pid = Long.parseLong(Files.readString(home.daemonPid()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code " (pid N)"} when the pid file names a live process, else nothing. */
    static String pidNote(HomeLayout home) {
        return runningPid(home).map(process -> " (pid " + process.pid() + ")").orElse("");
    }

    /** Whether a daemon accepts connections on the home's socket (a killed one leaves a socket nobody answers on). */
    static boolean answers(HomeLayout home) {
        if (!Files.exists(home.daemonSocket())) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(home.daemonSocket()));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the socket and pid file: at a clean stop, or left behind by a daemon that was killed. */
    static void removeRuntimeFiles(HomeLayout home) {
        try {
            Files.deleteIfExists(home.daemonSocket());
            Files.deleteIfExists(home.daemonPid());
        } catch (IOException e) {
            // a later start removes them
        }
    }
}
