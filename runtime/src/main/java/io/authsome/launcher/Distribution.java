package io.authsome.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The installed distribution: {@code lib/} (this launcher and the framework),
 * {@code bundles/core/} and {@code bundles/providers/}.
 */
record Distribution(Path root) {
    /** The distribution this launcher jar was loaded from ({@code <root>/lib/<launcher>.jar}). */
    static Distribution ofLauncher() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Distribution(jar.getParent().getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher jar", e);
        }
    }

    /** Every bundle jar of the distribution, core bundles first. */
    List<Path> bundles() throws IOException {
        List<Path> jars = new ArrayList<>();
        jars.addAll(jarsIn(root.resolve("bundles").resolve("core")));
        jars.addAll(jarsIn(root.resolve("bundles").resolve("providers")));
        if (jars.isEmpty()) {
            throw new IOException("no bundles under " + root.resolve("bundles") + ": the distribution is incomplete");
        }
        return jars;
    }

    /**
     * What identifies this set of bundles: names, sizes and modification times. A bundle cache
     * made for another fingerprint is rebuilt rather than patched.
     */
    String fingerprint(List<Path> bundles) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path jar : bundles) {
            text.append(jar).append(' ').append(Files.size(jar)).append(' ')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
        }
        return Integer.toHexString(text.toString().hashCode());
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            stream.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }
}
