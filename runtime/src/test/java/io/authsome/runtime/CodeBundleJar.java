package io.authsome.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes a provider bundle that carries code, as a third party would ship one: a provider.json
 * and a {@code Bundle-Activator}, compiled here with the JDK's compiler, that appends a line to
 * {@code <home>/<marker>} each time it starts. The line count says how often the code ran.
 */
final class CodeBundleJar {
    private CodeBundleJar() {
    }

    /**
     * @param variant a word compiled into the class, so that two variants are two different jars
     */
    static Path write(Path jar, Path work, String symbolicName, String providerJson, String marker, String variant)
            throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/trustit"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path source = Files.writeString(sources.resolve("Marker.java"), """
                package trustit;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                import org.osgi.framework.BundleActivator;
                import org.osgi.framework.BundleContext;

                public final class Marker implements BundleActivator {
                    @Override
                    public void start(BundleContext context) throws Exception {
                        Files.writeString(Path.of(context.getProperty("authsome.home"), "%s"), "%s\\n",
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }

                    @Override
                    public void stop(BundleContext context) {
                    }
                }
                """.formatted(marker, variant));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null, List.of("-d", classes.toString(), "--release", "17",
                        "-cp", Authsome.DIST.resolve("lib/org.apache.felix.framework.jar").toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source)).call();
        if (!compiled) {
            throw new AssertionError("the test bundle does not compile:\n" + errors);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", "trustit.Marker");
        main.putValue("Import-Package", "org.osgi.framework");
        main.putValue("Authsome-Provider", "provider.json");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(osgi.extender=io.authsome.providers)\"");
        Path temp = jar.resolveSibling(jar.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(temp); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("provider.json"));
            out.write(providerJson.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("trustit/Marker.class"));
            out.write(Files.readAllBytes(classes.resolve("trustit/Marker.class")));
            out.closeEntry();
        }
        // Appear whole: the drop-in watcher must never see a half-written jar.
        return Files.move(temp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
