package io.authsome.proxy.internal;

import io.authsome.api.health.Finding;
import io.authsome.api.health.HealthCheck;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.home.Homes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Doctor: the proxy CA, when there is one, has a private key file (0600) that belongs to its
 * certificate, and the certificate is not about to expire.
 */
@Component(property = HealthCheck.ORDER + ":Integer=70")
public final class CaHealthCheck implements HealthCheck {
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final String CHECK = "proxy CA";

    private Path directory;

    public CaHealthCheck() {
    }

    /** A check of the CA in {@code directory}, outside the framework. */
    CaHealthCheck(Path directory) {
        this.directory = directory;
    }

    @Activate
    void activate(BundleContext context) {
        directory = Homes.layout(context).ca();
    }

    @Override
    public List<Finding> check() {
        Path certificate = directory.resolve(CertificateAuthority.CERTIFICATE_FILE);
        Path key = directory.resolve(CertificateAuthority.KEY_FILE);
        if (!Files.exists(certificate) && !Files.exists(key)) {
            return List.of(Finding.ok(CHECK, "none yet; the first 'authsome run' or 'authsome ca path' creates it"));
        }
        if (!Files.exists(certificate) || !Files.exists(key)) {
            return List.of(Finding.fail(CHECK, (Files.exists(key) ? certificate : key) + " is missing",
                    "authsome ca regenerate (then trust the new certificate wherever the old one was trusted)"));
        }
        try {
            if (PrivateFiles.isOpenToOthers(key)) {
                return List.of(Finding.fail(CHECK, key + " is readable by other users", "chmod 600 " + key));
            }
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(directory);
            if (!ca.keyMatchesCertificate()) {
                return List.of(Finding.fail(CHECK, key + " does not belong to " + certificate, "authsome ca regenerate"));
            }
            Instant notAfter = ca.certificate().getNotAfter().toInstant();
            if (Instant.now().plus(EXPIRY_WARNING).isAfter(notAfter)) {
                return List.of(Finding.warn(CHECK, certificate + " expires " + notAfter, "authsome ca regenerate"));
            }
            return List.of(Finding.ok(CHECK, certificate + " valid until " + notAfter + ", key 0600"));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return List.of(Finding.fail(CHECK, "cannot read the CA in " + directory + ": " + e.getMessage(),
                    "authsome ca regenerate"));
        }
    }
}
