package io.authsome.common.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the daemon of a home that belongs to its own system user gives the group of
 * {@code daemon.socket_group} (docs/daemon.md, "Running the daemon as its own user"): the way to
 * its socket and pid file, and the agents' CA files. Never a secret: the key file, the records,
 * the agents file, the audit log and {@code config.json} keep their owner-only modes, and a
 * directory that holds them is given for traversal only (the group can open a path it knows, not
 * list the directory).
 */
public final class GroupAccess {
    /** A directory the group may pass through but not list: 0710. */
    public static final Set<PosixFilePermission> TRAVERSE = PosixFilePermissions.fromString("rwx--x---");
    /** A directory the group may list and pass through: 0750. */
    public static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");
    /** A file the group may read: 0640. */
    public static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r-----");
    /** A Unix socket the group may connect to: 0660. */
    public static final Set<PosixFilePermission> SOCKET = PosixFilePermissions.fromString("rw-rw----");

    private GroupAccess() {
    }

    /**
     * The group called {@code name}.
     *
     * @throws UserPrincipalNotFoundException when the system has no such group
     */
    public static GroupPrincipal group(Path anywhere, String name) throws IOException {
        return anywhere.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
    }

    /**
     * Gives {@code path} to {@code group} with {@code mode}: its group is changed only when it is
     * another one (which needs the owner to be a member of it, or root), then its mode is set. A
     * symbolic link is refused, not followed. (The view that does not follow links cannot change a
     * socket, which it would have to open; the paths given are in directories only the owner can
     * write to.)
     */
    public static void give(Path path, GroupPrincipal group, Set<PosixFilePermission> mode) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IOException(path + " is a symbolic link");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            throw new IOException(path + " has no POSIX permissions");
        }
        if (!group.equals(view.readAttributes().group())) {
            view.setGroup(group);
        }
        if (!mode.equals(view.readAttributes().permissions())) {
            view.setPermissions(mode);
        }
    }

    /**
     * Makes the directory {@code dir} and the regular files directly in it readable by
     * {@code group} (0750 and 0640); files whose name starts with a dot (a write in progress) and
     * anything else are left alone. A missing directory is nothing to do.
     */
    public static void shareReadable(Path dir, GroupPrincipal group) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        give(dir, group, READABLE_DIRECTORY);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".")
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    give(entry, group, READABLE_FILE);
                }
            }
        }
    }

    /**
     * Takes every group and others permission from the directories and regular files directly in
     * {@code dir}, but for {@code except}: before a directory is opened to a group for traversal,
     * what sits in it must not be open by its own mode (an editor may have saved a file 0644).
     * Symbolic links and other entries are left alone.
     *
     * @return the entries changed
     */
    public static List<Path> closeEntries(Path dir, Set<Path> except) throws IOException {
        List<Path> changed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (except.contains(entry) || Files.isSymbolicLink(entry)
                        || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
                for (PosixFilePermission permission : mode) {
                    if (permission.name().startsWith("OWNER")) {
                        owner.add(permission);
                    }
                }
                if (!owner.equals(mode)) {
                    Files.setPosixFilePermissions(entry, owner);
                    changed.add(entry);
                }
            }
        }
        return changed;
    }

    /**
     * Whether {@code path} is private to its owner, or open to {@code group} by exactly
     * {@code allowed} (its group being {@code group}) and to nobody else.
     *
     * @param group   the group that may have {@code allowed}; {@code null}: none may
     * @param allowed the group permissions {@code group} may have, e.g. {@code GROUP_EXECUTE}
     */
    public static boolean isPrivateOrGivenTo(Path path, GroupPrincipal group, Set<PosixFilePermission> allowed)
            throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            throw new IOException(path + " has no POSIX permissions");
        }
        var attributes = view.readAttributes();
        boolean grouped = group != null && group.equals(attributes.group());
        for (PosixFilePermission permission : attributes.permissions()) {
            if (permission.name().startsWith("OTHERS")
                    || permission.name().startsWith("GROUP") && !(grouped && allowed.contains(permission))) {
                return false;
            }
        }
        return true;
    }
}
