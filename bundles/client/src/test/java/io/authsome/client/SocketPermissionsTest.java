package io.authsome.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes of a real socket the thin client trusts: the owner's (0600 in 0700), and those of
 * {@code daemon.socket_group} (0660 in 0750 in a home of 0710); never one that others may reach or
 * that the group could replace.
 */
class SocketPermissionsTest {
    @TempDir
    Path temp;

    private Optional<String> problem(String home, String run, String socket) throws Exception {
        Path homeDir = Files.createDirectories(temp.resolve("home"));
        Path runDir = Files.createDirectories(homeDir.resolve("run"));
        Path path = runDir.resolve("authsome.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(socket));
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString(run));
            Files.setPosixFilePermissions(homeDir, PosixFilePermissions.fromString(home));
            return SocketPermissions.problem(path);
        } finally {
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(path);
        }
    }

    @Test
    void theOwnersLayoutAndTheSocketGroupsLayoutAreTrusted() throws Exception {
        assertEquals(Optional.empty(), problem("rwx------", "rwx------", "rw-------"));
        assertEquals(Optional.empty(), problem("rwx--x---", "rwxr-x---", "rw-rw----"));
    }

    @Test
    void aSocketOthersMayReachOrAGroupMayReplaceIsRefused() throws Exception {
        assertTrue(problem("rwx--x---", "rwxr-x---", "rw-rw-rw-").orElseThrow().contains("lets every user connect"));
        assertTrue(problem("rwx--x---", "rwxr-x---", "rw-rw---x").orElseThrow().contains("lets every user connect"));
        assertTrue(problem("rwx--x---", "rwxrwx---", "rw-rw----").orElseThrow().contains("lets other users replace it"));
        assertTrue(problem("rwx--x---", "rwxr-x-wx", "rw-rw----").orElseThrow().contains("lets other users replace it"));
    }
}
