package io.authsome.common.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A bundle jar in the drop-in folder as trust sees it: its file name, the SHA-256 of its bytes,
 * and whether it carries code (a class file, a {@code Bundle-Activator} or Declarative Services
 * components). A jar that carries code runs only once trusted; a data-only provider bundle needs
 * no trust.
 *
 * @param name        the file name, e.g. {@code acme-signer.jar}
 * @param sha256      the SHA-256 of the file, lowercase hex
 * @param carriesCode whether the jar holds anything the runtime would execute
 */
public record DropinJar(String name, String sha256, boolean carriesCode) {
    private static final String[] CODE_HEADERS = {"Bundle-Activator", "Service-Component", "Fragment-Host",
        "Bundle-NativeCode"};

    /** Reads {@code jar}: hashes its bytes and looks for code in its entries and manifest. */
    public static DropinJar read(Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        boolean code;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            code = hasCodeHeader(file.getManifest()) || hasClassEntry(file);
        }
        return new DropinJar(jar.getFileName().toString(), sha256(bytes), code);
    }

    /** The SHA-256 of {@code bytes}, lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The SHA-256 of what {@code in} yields, lowercase hex. */
    public static String sha256(InputStream in) throws IOException {
        return sha256(in.readAllBytes());
    }

    /**
     * A fragment attaches its classes to a host, so it counts as code too: a data-only provider
     * bundle never needs to be one.
     */
    private static boolean hasCodeHeader(Manifest manifest) {
        if (manifest == null) {
            return false;
        }
        Attributes main = manifest.getMainAttributes();
        for (String header : CODE_HEADERS) {
            if (main.getValue(header) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasClassEntry(JarFile file) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.endsWith(".class") || entry.endsWith(".jar")) {
                return true;
            }
        }
        return false;
    }
}
