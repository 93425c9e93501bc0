package io.authsome.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the daemon's socket may be trusted with a command (which can carry a passphrase or a
 * key): other users must not be able to connect to it (to drive the daemon), nor to replace it in
 * its directory (to stand in for the daemon). The daemon makes the directory 0700 and the socket
 * 0600; a group may be given access on purpose (the separate-user set-up of docs/daemon.md), the
 * world never.
 */
final class SocketPermissions {
    private SocketPermissions() {
    }

    /** What is wrong with {@code socket} and its directory, if anything. */
    static Optional<String> problem(Path socket) {
        try {
            PosixFileAttributes file = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes dir = Files.readAttributes(socket.getParent(), PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!file.isOther()) { // a socket is neither a file, a directory nor a link
                return Optional.of("refusing " + socket + ": it is not a socket");
            }
            if (openToOthers(file.permissions())) {
                return Optional.of("refusing the daemon socket " + socket + ": its mode "
                        + PosixFilePermissions.toString(file.permissions()) + " lets every user connect to it");
            }
            Set<PosixFilePermission> dirMode = dir.permissions();
            if (dirMode.contains(PosixFilePermission.OTHERS_WRITE) || dirMode.contains(PosixFilePermission.GROUP_WRITE)) {
                return Optional.of("refusing the daemon socket " + socket + ": its directory's mode "
                        + PosixFilePermissions.toString(dirMode) + " lets other users replace it");
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // gone meanwhile: the connection fails and the command runs in-process
        }
    }

    private static boolean openToOthers(Set<PosixFilePermission> mode) {
        return mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)
                || mode.contains(PosixFilePermission.OTHERS_EXECUTE);
    }
}
