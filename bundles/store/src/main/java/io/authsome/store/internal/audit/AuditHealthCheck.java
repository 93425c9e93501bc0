package io.authsome.store.internal.audit;

import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.home.Homes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Doctor: the audit log (or, before the first event, its directory) is writable, and the log has mode 0600. */
@Component(property = HealthCheck.ORDER + ":Integer=60")
public final class AuditHealthCheck implements HealthCheck {
    static final String CHECK = "audit";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private HomeLayout home;

    public AuditHealthCheck() {
    }

    AuditHealthCheck(HomeLayout home) {
        this.home = home;
    }

    @Activate
    void activate(BundleContext context) {
        home = Homes.layout(context);
    }

    @Override
    public List<Finding> check() {
        Path log = home.auditLog();
        Path root = home.root();
        if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(root)) {
                return List.of(Finding.fail(CHECK, root + " does not exist: audit events cannot be recorded",
                        "mkdir -m 700 " + root));
            }
            if (!Files.isWritable(root)) {
                return List.of(Finding.fail(CHECK, root + " is not writable: audit events cannot be recorded",
                        "chmod 700 " + root));
            }
            return List.of(Finding.ok(CHECK, log + " will be created (mode 0600) by the first audited action"));
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(log);
            if (!Files.isWritable(log) || !mode.equals(PRIVATE)) {
                return List.of(Finding.fail(CHECK, log + (Files.isWritable(log) ? "" : " is not writable and")
                        + " has mode " + PosixFilePermissions.toString(mode) + " (should be rw-------)",
                        "chmod 600 " + log));
            }
        } catch (IOException | UnsupportedOperationException e) {
            return List.of(Finding.warn(CHECK, "cannot read the mode of " + log + ": " + e.getMessage(),
                    "check that only you can read and write " + log));
        }
        return List.of(Finding.ok(CHECK, log + " writable, mode 0600"));
    }
}
