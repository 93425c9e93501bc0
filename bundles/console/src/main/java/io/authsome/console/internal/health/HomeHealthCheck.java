package io.authsome.console.internal.health;

import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.home.Homes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Doctor: the home directory exists, is writable, and is private to its owner (0700). */
@Component(property = HealthCheck.ORDER + ":Integer=10")
public final class HomeHealthCheck implements HealthCheck {
    private Path home;

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
        try {
            if (PrivateFiles.isOpenToOthers(home)) {
                return List.of(Finding.fail("home", home + " is open to other users (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(home))
                        + ")", "chmod 700 " + home));
            }
        } catch (IOException | UnsupportedOperationException e) {
            return List.of(Finding.warn("home", "cannot read the mode of " + home + ": " + e.getMessage(),
                    "check that only you can read " + home));
        }
        return List.of(Finding.ok("home", home + " exists, writable, mode 0700"));
    }
}
