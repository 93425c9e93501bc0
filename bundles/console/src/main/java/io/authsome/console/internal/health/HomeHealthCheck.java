package io.authsome.console.internal.health;

import io.authsome.api.config.Configuration;
import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.common.files.GroupAccess;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.home.Homes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Doctor: the home directory exists, is writable, and is private to its owner (0700); with
 * {@code daemon.socket_group}, also 0710 with that group, which may then pass through it to the
 * daemon's socket (docs/daemon.md, "Running the daemon as its own user"), and nothing more open.
 */
@Component(property = HealthCheck.ORDER + ":Integer=10")
public final class HomeHealthCheck implements HealthCheck {
    private Path home;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Configuration configuration;

    @Activate
    void activate(BundleContext context) {
        home = Homes.layout(context).root();
    }

    @Override
    public List<Finding> check() {
        if (!Files.isDirectory(home)) {
            return List.of(Finding.fail("home", home + " does not exist", "mkdir -m 700 " + home));
        }
        if (!Files.isWritable(home)) {
            return List.of(Finding.fail("home", home + " is not writable", "chown $USER " + home));
        }
        Optional<String> groupName = socketGroup();
        GroupPrincipal group = null;
        if (groupName.isPresent()) {
            try {
                group = GroupAccess.group(home, groupName.get());
            } catch (IOException e) {
                return List.of(Finding.fail("home", "daemon.socket_group names the group '" + groupName.get()
                        + "', which does not exist on this system, so the daemon will not start",
                        "groupadd --system " + groupName.get() + ", or remove daemon.socket_group from config.json"));
            }
        }
        try {
            if (group == null ? PrivateFiles.isOpenToOthers(home)
                    : !GroupAccess.isPrivateOrGivenTo(home, group, Set.of(PosixFilePermission.GROUP_EXECUTE))) {
                return List.of(Finding.fail("home", home + " is open to other users (mode "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(home)) + ")", group == null
                        ? "chmod 700 " + home
                        : "chmod 700 " + home + " (the daemon gives the group " + group.getName() + " 0710 when it starts)"));
            }
            if (group != null && !Files.getPosixFilePermissions(home).equals(PosixFilePermissions.fromString("rwx------"))) {
                return List.of(Finding.ok("home", home + " exists, writable, mode 0710: the group " + group.getName()
                        + " of daemon.socket_group may pass through it to the daemon's socket, and only that"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            return List.of(Finding.warn("home", "cannot read the mode of " + home + ": " + e.getMessage(),
                    "check that only you can read " + home));
        }
        return List.of(Finding.ok("home", home + " exists, writable, mode 0700"));
    }

    /** The group of {@code daemon.socket_group}, when it is set (and a group name). */
    private Optional<String> socketGroup() {
        Configuration current = configuration;
        if (current == null) {
            return Optional.empty();
        }
        Optional<String> group = current.current().daemon().socketGroup().value();
        return group == null ? Optional.empty() : group;
    }
}
