package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * {@code config.json} as typed settings, parsed again only when the file changed: each call
 * compares the file's stamp (modification time, size and file key; the atomic writes of
 * {@link HomeConfig} give the file a new key) with the one of the last parse. The stamp is taken
 * before the file is read, so a change during the read is seen at the next call. A file that
 * cannot be read or is not valid JSON gives every default, as a missing one does. Thread-safe.
 */
final class ConfigFile {
    private final Path path;
    private final HomeConfig file;
    private volatile Parsed parsed;
    private int parses;

    ConfigFile(Path path) {
        this.path = path;
        this.file = new HomeConfig(path);
    }

    /** The settings as the file is now. */
    Config current() {
        Stamp stamp = stamp();
        Parsed last = parsed;
        if (stamp != null && last != null && last.stamp.equals(stamp)) {
            return last.config;
        }
        synchronized (this) {
            last = parsed;
            if (stamp != null && last != null && last.stamp.equals(stamp)) {
                return last.config;
            }
            parses++;
            Config config = ConfigParser.parse(members(), path);
            if (stamp != null) {
                parsed = new Parsed(stamp, config);
            }
            return config;
        }
    }

    /** How many times the file was parsed (for tests). */
    synchronized int parses() {
        return parses;
    }

    private Map<String, Object> members() {
        try {
            return file.read();
        } catch (AuthsomeException e) {
            // Not valid JSON, or unreadable: every setting has its default; profile use reports it.
            return Map.of();
        }
    }

    /** The stamp of the file now: {@link Stamp#MISSING} when it does not exist, null when it cannot be read. */
    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        } catch (IOException e) {
            return null;
        }
    }

    private record Stamp(FileTime modified, long size, Object key) {
        static final Stamp MISSING = new Stamp(FileTime.fromMillis(0), -1, null);
    }

    private record Parsed(Stamp stamp, Config config) {
    }
}
