package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaf certificates kept on disk across runs, for one CA only. */
class LeafStoreTest {
    @TempDir
    Path ca;

    private Path folder() throws Exception {
        try (Stream<Path> folders = Files.list(ca.resolve(LeafStore.FOLDER))) {
            List<Path> all = folders.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void aNewRunPresentsTheLeafAnEarlierRunMinted() throws Exception {
        X509Certificate minted = CertificateAuthority.loadOrCreate(ca).leaf("API.Example.test");
        CertificateAuthority nextRun = CertificateAuthority.loadOrCreate(ca);

        X509Certificate kept = nextRun.leaf("api.example.test");

        assertEquals(minted.getSerialNumber(), kept.getSerialNumber(), "not minted again");
        assertEquals(kept.getPublicKey(), nextRun.store().keys().getPublic());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder().resolve("key.pem"))), "the leaf key is private");
        assertTrue(Files.isRegularFile(folder().resolve("api.example.test.pem")));
    }

    @Test
    void aDamagedLeafIsMintedAgainAndAHostWithOddCharactersGetsASafeName() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(ca);
        X509Certificate minted = first.leaf("::1");
        try (Stream<Path> files = Files.list(folder())) {
            assertTrue(files.allMatch(file -> file.getFileName().toString().matches("[a-z0-9.-]+\\.pem")));
        }
        X509Certificate api = first.leaf("api.example.test");
        Files.writeString(folder().resolve("api.example.test.pem"), "not a certificate");

        CertificateAuthority nextRun = CertificateAuthority.loadOrCreate(ca);

        assertNotEquals(api.getSerialNumber(), nextRun.leaf("api.example.test").getSerialNumber());
        assertEquals(minted.getSerialNumber(), nextRun.leaf("::1").getSerialNumber());
        assertTrue(Files.readString(folder().resolve("api.example.test.pem")).contains("BEGIN CERTIFICATE"), "replaced");
    }

    @Test
    void aNewCaDropsTheLeavesAndTheKeyOfTheOldOne() throws Exception {
        CertificateAuthority old = CertificateAuthority.loadOrCreate(ca);
        old.leaf("api.example.test");
        Path oldFolder = folder();

        CertificateAuthority regenerated = CertificateAuthority.create(ca);
        X509Certificate leaf = regenerated.leaf("api.example.test");

        assertFalse(Files.exists(oldFolder), "the old CA's leaves and key are gone");
        leaf.verify(regenerated.certificate().getPublicKey());
        assertNotEquals(oldFolder, folder());
    }
}
