package io.authsome.common.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedBundlesTest {
    @TempDir
    Path home;

    @Test
    void aCodeJarIsPermittedOnlyWhileItsNameAndBytesAreRecorded() throws Exception {
        TrustedBundles trust = new TrustedBundles(home);
        DropinJar jar = DropinJar.read(jar("acme.jar", "Bundle-Activator", "acme.Start", "acme/Start.class"));
        assertTrue(jar.carriesCode());
        assertFalse(trust.permits(jar));

        trust.trust(jar, Instant.parse("2026-12-02T10:00:00Z"));
        assertTrue(trust.permits(jar));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trust.file())));
        assertFalse(trust.permits(new DropinJar("acme.jar", "0".repeat(64), true)), "other bytes");
        assertFalse(trust.permits(new DropinJar("renamed.jar", jar.sha256(), true)), "another name");

        DropinJar rebuilt = new DropinJar("acme.jar", "1".repeat(64), true);
        trust.trust(rebuilt, Instant.parse("2026-12-02T11:00:00Z"));
        assertEquals(1, trust.records().size(), "one record per name: the newer replaces it");
        assertTrue(trust.permits(rebuilt));
        assertFalse(trust.permits(jar));

        assertEquals(rebuilt.sha256(), trust.untrust("acme.jar").orElseThrow().sha256());
        assertFalse(trust.permits(rebuilt));
        assertTrue(trust.untrust("acme.jar").isEmpty());
    }

    @Test
    void aJarWithoutCodeNeedsNoTrust() throws Exception {
        DropinJar data = DropinJar.read(jar("data.jar", "Authsome-Provider", "provider.json", "provider.json"));
        assertFalse(data.carriesCode());
        assertTrue(new TrustedBundles(home).permits(data));
        for (String header : new String[] {"Service-Component", "Fragment-Host", "Bundle-NativeCode"}) {
            assertTrue(DropinJar.read(jar(header + ".jar", header, "x", "provider.json")).carriesCode(), header);
        }
        assertTrue(DropinJar.read(jar("nested.jar", "Bundle-ClassPath", "lib/x.jar", "lib/x.jar")).carriesCode());
    }

    @Test
    void aTrustFileThatCannotBeReadTrustsNothingAndIsNotOverwritten() throws Exception {
        TrustedBundles trust = new TrustedBundles(home);
        DropinJar jar = DropinJar.read(jar("acme.jar", "Bundle-Activator", "acme.Start", "acme/Start.class"));
        trust.trust(jar, Instant.now());
        Files.writeString(trust.file(), "{\"bundles\": [{\"name\": \"acme.jar\"");
        assertFalse(trust.permits(jar));
        assertThrows(MalformedJsonException.class, () -> trust.trust(jar, Instant.now()));
        assertThrows(MalformedJsonException.class, () -> trust.untrust("acme.jar"));
        assertEquals("{\"bundles\": [{\"name\": \"acme.jar\"", Files.readString(trust.file()), "left as it was");
    }

    private Path jar(String name, String header, String value, String entry) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example." + name.replace(".jar", ""));
        manifest.getMainAttributes().putValue(header, value);
        Path jar = home.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        return jar;
    }
}
