package io.authsome.common.trust;

import io.authsome.common.files.PrivateFiles;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drop-in bundles the user trusts to run code: {@code $AUTHSOME_HOME/trusted-bundles.json},
 * one record per jar file name with the SHA-256 of the bytes that were trusted. A jar is trusted
 * only while its name and bytes match a record, so a changed jar needs trust again. The file is
 * private (0600) and replaced atomically; a change is a read-modify-write under a lock, so two
 * processes that trust at once both land. Not thread-safe itself: each call reads the file anew.
 */
public final class TrustedBundles {
    /** The file's name in the home. */
    public static final String FILE = "trusted-bundles.json";
    private static final String LOCK = ".trusted-bundles.lock";

    /**
     * One trusted jar.
     *
     * @param name      the jar's file name in the drop-in folder
     * @param sha256    the SHA-256 of the bytes trusted, lowercase hex
     * @param trustedAt when it was trusted
     */
    public record Record(String name, String sha256, Instant trustedAt) {
    }

    private final Path home;

    /** @param home the authsome home whose trust file this reads and writes */
    public TrustedBundles(Path home) {
        this.home = home;
    }

    /** The trust file. */
    public Path file() {
        return home.resolve(FILE);
    }

    /**
     * Whether {@code jar} may run: it carries no code, or its name and SHA-256 match a record.
     * A trust file that cannot be read trusts nothing.
     */
    public boolean permits(DropinJar jar) {
        if (!jar.carriesCode()) {
            return true;
        }
        try {
            return record(jar.name()).filter(r -> r.sha256().equals(jar.sha256())).isPresent();
        } catch (IOException | MalformedJsonException e) {
            return false;
        }
    }

    /** The record for the jar named {@code name}, if there is one. */
    public Optional<Record> record(String name) throws IOException, MalformedJsonException {
        return records().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Every record, in the order they were made. */
    public List<Record> records() throws IOException, MalformedJsonException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file());
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Map<String, Object> root = Json.parseObject(bytes);
        if (!(root.get("bundles") instanceof List<?> entries)) {
            throw new MalformedJsonException("'bundles' must be a list");
        }
        List<Record> records = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)
                    || !(map.get("sha256") instanceof String sha) || !(map.get("trusted_at") instanceof String at)) {
                throw new MalformedJsonException("each entry of 'bundles' needs name, sha256 and trusted_at");
            }
            try {
                records.add(new Record(name, sha, Instant.parse(at)));
            } catch (java.time.format.DateTimeParseException e) {
                throw new MalformedJsonException("trusted_at of " + name + " is not an instant");
            }
        }
        return records;
    }

    /** Records {@code jar} as trusted now, replacing an earlier record of the same name. */
    public Record trust(DropinJar jar, Instant now) throws IOException, MalformedJsonException {
        Record record = new Record(jar.name(), jar.sha256(), now);
        try (FileChannel channel = lockFile(); FileLock lock = channel.lock()) {
            List<Record> records = new ArrayList<>(records());
            records.removeIf(r -> r.name().equals(jar.name()));
            records.add(record);
            write(records);
        }
        return record;
    }

    /** Removes the record of the jar named {@code name}; returns it, or empty when there was none. */
    public Optional<Record> untrust(String name) throws IOException, MalformedJsonException {
        try (FileChannel channel = lockFile(); FileLock lock = channel.lock()) {
            List<Record> records = new ArrayList<>(records());
            Optional<Record> removed = records.stream().filter(r -> r.name().equals(name)).findFirst();
            if (removed.isPresent()) {
                records.remove(removed.get());
                write(records);
            }
            return removed;
        }
    }

    private void write(List<Record> records) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Record record : records) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", record.name());
            entry.put("sha256", record.sha256());
            entry.put("trusted_at", record.trustedAt().toString());
            entries.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", 1);
        root.put("bundles", entries);
        PrivateFiles.writeAtomically(file(), (Json.write(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The file whose lock serialises changes; 0600 like the trust file. */
    private FileChannel lockFile() throws IOException {
        PrivateFiles.ensureDirectory(home);
        Path lock = home.resolve(LOCK);
        if (!Files.exists(lock)) {
            try {
                Files.createFile(lock, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // another process made it first
            }
        }
        return FileChannel.open(lock, StandardOpenOption.WRITE);
    }
}
