package io.authsome.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes a provider bundle the way a third party would ship one: a manifest, provider.json, and maybe code. */
final class ProviderJar {
    private ProviderJar() {
    }

    static Path write(Path jar, String symbolicName, String providerJson) throws IOException {
        return write(jar, symbolicName, providerJson, Map.of(), List.of());
    }

    /**
     * A provider bundle that carries code too: {@code classes} (compiled with the tests, copied in
     * by name) and the manifest {@code headers} that wire them (an activator, its imports).
     */
    static Path write(Path jar, String symbolicName, String providerJson, Map<String, String> headers,
                      List<Class<?>> classes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Authsome-Provider", "provider.json");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(osgi.extender=io.authsome.providers)\"");
        headers.forEach(main::putValue);
        Path temp = jar.resolveSibling(jar.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(temp); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("provider.json"));
            out.write(providerJson.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
            }
        }
        // Appear whole: the drop-in watcher must never see a half-written jar.
        return Files.move(temp, jar);
    }
}
