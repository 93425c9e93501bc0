package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code config.json}: settings as JSON members. This class reads the file (for {@link ConfigFile},
 * which turns it into typed settings) and changes single members, keeping the others as they are;
 * changes are made under the vault lock and written atomically. A file that is not valid JSON is
 * not overwritten: the change fails with what to fix.
 */
final class HomeConfig {
    static final String PROFILE = "profile";

    private final Path path;

    HomeConfig(Path path) {
        this.path = path;
    }

    Map<String, Object> read() throws AuthsomeException {
        try {
            return new LinkedHashMap<>(Json.parseObject(Files.readAllBytes(path)));
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException | MalformedJsonException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, path + " is not valid JSON: " + e.getMessage(),
                    "fix or delete " + path);
        }
    }

    /** Sets one member; a dotted name ({@code store.backend}) is a member of an object, made when missing. */
    void set(String name, Object value) throws AuthsomeException {
        Map<String, Object> config = read();
        Map<String, Object> section = config;
        String[] parts = name.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Map<String, Object> inner = new LinkedHashMap<>();
            if (section.get(parts[i]) instanceof Map<?, ?> existing) {
                existing.forEach((key, member) -> inner.put(String.valueOf(key), member));
            }
            section.put(parts[i], inner);
            section = inner;
        }
        section.put(parts[parts.length - 1], value);
        try {
            PrivateFiles.writeAtomically(path, Json.write(config).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot write " + path + ": " + e.getMessage(),
                    "authsome doctor");
        }
    }
}
