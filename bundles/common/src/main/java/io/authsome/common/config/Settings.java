package io.authsome.common.config;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
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
    private final String file;

    private Settings(Map<String, Object> root, String file) {
        this.root = root;
        this.file = file;
    }

    /** The settings of {@code home}, as the file is now. */
    public static Settings of(HomeLayout home) {
        String file = home.config().toString();
        try {
            return new Settings(Json.parseObject(Files.readAllBytes(home.config())), file);
        } catch (IOException | MalformedJsonException e) {
            return new Settings(Map.of(), file);
        }
    }

    /**
     * A TCP port setting: {@code fallback} when it is missing. Unlike the other settings, a port
     * that is set but not a number from 1 to 65535 stops the command that would listen on it, with
     * a message naming the setting: listening elsewhere would break the registered address.
     *
     * @throws AuthsomeException {@code INVALID_INPUT}
     */
    public int port(String name, int fallback) throws AuthsomeException {
        Object value = value(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Long number && number >= 1 && number <= 65535) {
            return number.intValue();
        }
        String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        throw new AuthsomeException(ErrorCode.INVALID_INPUT, name + " in " + file + " is " + (shown.length() > 40
                ? shown.substring(0, 40) + "..." : shown) + ", not a port number from 1 to 65535",
                "set " + name + " in " + file + " to a free port from 1024 to 65535 (default " + fallback
                        + "), or remove it");
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
