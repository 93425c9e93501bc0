package io.authsome.common.trust;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The jar in the drop-in folder that a bundle was installed from, read from its location
 * ({@code file:/home/.../dropins/x.jar} as FileInstall installs it, or {@code reference:file:...}).
 */
public final class DropinLocation {
    private static final String REFERENCE = "reference:";

    private DropinLocation() {
    }

    /** The file of {@code location} when it lies directly in {@code dropins}; empty for any other bundle. */
    public static Optional<Path> of(String location, Path dropins) {
        return file(location).filter(file -> dropins.toAbsolutePath().normalize().equals(file.getParent()));
    }

    /** The file a bundle was installed from, when its location names one. */
    public static Optional<Path> file(String location) {
        String uri = location.startsWith(REFERENCE) ? location.substring(REFERENCE.length()) : location;
        if (!uri.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(uri)).normalize());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
