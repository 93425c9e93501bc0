package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.authsome.api.health.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaHealthCheckTest {
    @TempDir
    Path home;

    private Status status(Path directory) {
        return new CaHealthCheck(directory).check().get(0).status();
    }

    @Test
    void noCaIsFineAFreshOneIsFineAndBrokenOnesFail() throws Exception {
        Path ca = home.resolve("ca");
        assertEquals(Status.OK, status(ca));
        Files.createDirectories(ca);
        CertificateAuthority.create(ca);
        assertEquals(Status.OK, status(ca));

        Files.setPosixFilePermissions(ca.resolve(CertificateAuthority.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Status.FAIL, status(ca));
        Files.setPosixFilePermissions(ca.resolve(CertificateAuthority.KEY_FILE), PosixFilePermissions.fromString("rw-------"));

        Path other = Files.createDirectories(home.resolve("other"));
        CertificateAuthority.create(other);
        Files.copy(other.resolve(CertificateAuthority.KEY_FILE), ca.resolve(CertificateAuthority.KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(Status.FAIL, status(ca), "a key of another CA");

        Files.delete(ca.resolve(CertificateAuthority.CERTIFICATE_FILE));
        assertEquals(Status.FAIL, status(ca));
    }
}
