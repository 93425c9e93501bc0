package io.authsome.store.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.authsome.api.health.Finding;
import io.authsome.api.health.Status;
import io.authsome.api.home.HomeLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditHealthCheckTest {
    @TempDir
    Path home;

    private Finding check(Path root) {
        List<Finding> findings = new AuditHealthCheck(new HomeLayout(root)).check();
        assertEquals(1, findings.size());
        assertEquals("audit", findings.get(0).check());
        return findings.get(0);
    }

    @Test
    void okBeforeTheFirstEventWhenTheHomeIsWritable() {
        Finding finding = check(home);
        assertEquals(Status.OK, finding.status(), finding.message());
        assertNull(finding.fix());
    }

    @Test
    void okForALogWithMode0600() throws Exception {
        AuditFile file = new AuditFile(home.resolve("audit.log"), AuditSettings.DEFAULT);
        Events.append(file, Events.numbered("a", 0));
        assertEquals(Status.OK, check(home).status());
    }

    @Test
    void failsWithChmod600ForALogOpenToOthers() throws Exception {
        Path log = Files.createFile(home.resolve("audit.log"));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        Finding finding = check(home);
        assertEquals(Status.FAIL, finding.status());
        assertEquals("chmod 600 " + log, finding.fix());
    }

    @Test
    void failsWhenTheHomeDoesNotExist() {
        Path missing = home.resolve("missing");
        Finding finding = check(missing);
        assertEquals(Status.FAIL, finding.status());
        assertEquals("mkdir -m 700 " + missing, finding.fix());
    }
}
