package io.authsome.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes a provider bundle the way a third party would ship one: a manifest and provider.json. */
final class ProviderJar {
    private ProviderJar() {
    }

    static Path write(Path jar, String symbolicName, String providerJson) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Authsome-Provider", "provider.json");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(osgi.extender=io.authsome.providers)\"");
        Path temp = jar.resolveSibling(jar.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(temp); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("provider.json"));
            out.write(providerJson.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        // Appear whole: the drop-in watcher must never see a half-written jar.
        return Files.move(temp, jar);
    }
}
