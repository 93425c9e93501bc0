package io.authsome.api.home;

import io.authsome.api.json.Json;
import io.authsome.api.json.MalformedJsonException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The settings of {@code config.json}, read by dotted name ({@code refresh.lead_seconds} is the
 * member {@code lead_seconds} of the object {@code refresh}). A missing file, member or a value of
 * the wrong type gives the default: settings never stop a command.
 */
public final class Settings {
    private final Map<String, Object> root;

    private Settings(Map<String, Object> root) {
        this.root = root;
    }

    /** The settings of {@code home}, as the file is now. */
    public static Settings of(HomeLayout home) {
        try {
            return new Settings(Json.parseObject(Files.readAllBytes(home.config())));
        } catch (IOException | MalformedJsonException e) {
            return new Settings(Map.of());
        }
    }

    public long number(String name, long fallback) {
        return value(name) instanceof Number number ? number.longValue() : fallback;
    }

    /** A string setting, or {@code fallback} when it is missing, empty or not a string. */
    public String text(String name, String fallback) {
        return value(name) instanceof String text && !text.isBlank() ? text : fallback;
    }

    /** The string members of an object setting, in file order; empty when it is missing or not an object. */
    public Map<String, String> texts(String name) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        if (value(name) instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof String text) {
                    texts.put(String.valueOf(key), text);
                }
            });
        }
        return texts;
    }

    private Object value(String name) {
        Object current = root;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
