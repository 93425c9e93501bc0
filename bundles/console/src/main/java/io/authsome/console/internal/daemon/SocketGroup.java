package io.authsome.console.internal.daemon;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agents;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.Setting;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.files.GroupAccess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code daemon.socket_group}: the group whose members (the agents' user) reach a daemon that runs
 * as its own system user. The daemon gives that group the home to traverse (0710), {@code run/}
 * (0750), the socket (0660), the pid file (0640, so that bin/authsome sees the daemon live) and
 * the agents' CA files ({@code ca/} 0710, {@code ca/agents/} 0750, its files 0640); nothing else:
 * the other entries of those directories lose any group and others permission first.
 * The key file, the records, {@code agents.json}, {@code audit.log} and {@code config.json} stay
 * the daemon user's only, and the group's members are confined like any other user's client
 * ({@link PeerCheck}): they may use the commands that touch no secret.
 */
final class SocketGroup {
    static final String SETTING = "daemon.socket_group";

    private SocketGroup() {
    }

    /**
     * The configured group; none when {@code daemon.socket_group} is not set.
     *
     * @throws AuthsomeException {@code RUNTIME_UNAVAILABLE} when the setting is not a group name or
     *                           the system has no such group: a daemon that could not be reached
     *                           must not start as if it could
     */
    static Optional<GroupPrincipal> configured(Configuration configuration, HomeLayout home) throws AuthsomeException {
        if (configuration == null) {
            return Optional.empty();
        }
        Setting<Optional<String>> setting = configuration.current().daemon().socketGroup();
        if (setting.problem() != null) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon did not start: " + setting.problem(),
                    setting.fix());
        }
        if (setting.value().isEmpty()) {
            return Optional.empty();
        }
        String name = setting.value().get();
        try {
            return Optional.of(GroupAccess.group(home.root(), name));
        } catch (UserPrincipalNotFoundException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon did not start: " + SETTING + " in "
                    + home.config() + " names the group '" + name + "', which does not exist on this system",
                    "groupadd --system " + name + " and add the daemon's user and the agents' user to it (usermod -aG "
                            + name + " <user>), or remove " + SETTING + " from " + home.config());
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon did not start: cannot look up the"
                    + " group '" + name + "' of " + SETTING + ": " + e.getMessage(), "getent group " + name);
        }
    }

    /**
     * Opens the way to the socket for {@code group}: the home (0710) and {@code run/} (0750), and
     * the agents' CA files if the shared proxy wrote them already (it gives them itself when it
     * writes them later).
     */
    static void openWay(HomeLayout home, GroupPrincipal group, PrintStream log) throws AuthsomeException {
        Path agentsCa = Agents.caBundle(home).getParent();
        closeEntries(home.root(), Set.of(home.runtime(), home.ca()), log);
        closeEntries(home.runtime(), Set.of(home.daemonSocket(), home.daemonPid()), log);
        if (Files.isDirectory(home.ca())) {
            closeEntries(home.ca(), Set.of(agentsCa), log);
        }
        give(home.root(), group, GroupAccess.TRAVERSE);
        give(home.runtime(), group, GroupAccess.READABLE_DIRECTORY);
        if (Files.isDirectory(agentsCa)) {
            give(home.ca(), group, GroupAccess.TRAVERSE);
            try {
                GroupAccess.shareReadable(agentsCa, group);
            } catch (IOException e) {
                throw cannotGive(agentsCa, group, e);
            }
        }
    }

    /**
     * What the group could open by a path it knows once it can pass through {@code dir}: every
     * entry but {@code except} loses its group and others permissions (said in the log).
     */
    private static void closeEntries(Path dir, Set<Path> except, PrintStream log) throws AuthsomeException {
        try {
            for (Path changed : GroupAccess.closeEntries(dir, except)) {
                log.println(Instant.now() + " made " + changed + " private to " + System.getProperty("user.name")
                        + " before opening " + dir + " to the group of " + SETTING);
            }
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon did not start: cannot make the"
                    + " entries of " + dir + " private before opening it to the group of " + SETTING + ": "
                    + e.getMessage(), "chmod go= " + dir + "/*, then start it again");
        }
    }

    /** The socket (0660), just bound. */
    static void giveSocket(HomeLayout home, GroupPrincipal group) throws AuthsomeException {
        give(home.daemonSocket(), group, GroupAccess.SOCKET);
    }

    /** The pid file (0640), just written. */
    static void givePid(HomeLayout home, GroupPrincipal group) throws AuthsomeException {
        give(home.daemonPid(), group, GroupAccess.READABLE_FILE);
    }

    private static void give(Path path, GroupPrincipal group, Set<java.nio.file.attribute.PosixFilePermission> mode)
            throws AuthsomeException {
        try {
            GroupAccess.give(path, group, mode);
        } catch (IOException e) {
            throw cannotGive(path, group, e);
        }
    }

    private static AuthsomeException cannotGive(Path path, GroupPrincipal group, IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        return new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the daemon did not start: cannot give " + path
                + " to the group '" + group.getName() + "' of " + SETTING + ": " + reason,
                "make the daemon's user (" + System.getProperty("user.name") + ") the owner of the home and a member of '"
                        + group.getName() + "' (usermod -aG " + group.getName() + " " + System.getProperty("user.name")
                        + "), then start it again");
    }
}
