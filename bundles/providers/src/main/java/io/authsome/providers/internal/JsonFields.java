package io.authsome.providers.internal;

import io.authsome.api.provider.Identified;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of one JSON object of a provider definition, held as plain values (see
 * {@link io.authsome.common.json.Json}). A JSON null counts as absent. Every read that finds the
 * wrong type records a problem naming the field's dotted path and returns empty, so validation
 * goes on and reports all problems at once. Not thread-safe.
 */
final class JsonFields {
    private final Map<String, Object> object;
    private final String path;
    private final Problems problems;

    JsonFields(Map<String, Object> object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Records a problem for every member that is not in {@code known}. */
    void rejectUnknown(Set<String> known) {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                problems.add(field(name), "unknown field");
            }
        }
    }

    /** The names of the object's members, in document order. */
    List<String> names() {
        return List.copyOf(object.keySet());
    }

    boolean has(String name) {
        return object.get(name) != null;
    }

    boolean isArray(String name) {
        return object.get(name) instanceof List;
    }

    int arraySize(String name) {
        return object.get(name) instanceof List<?> list ? list.size() : 0;
    }

    Optional<String> string(String name) {
        Object value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(field(name), "must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /**
     * A non-empty string that is shown to people ({@code display_name}, hints): control
     * characters (terminal escape sequences, line breaks) are refused.
     */
    Optional<String> printable(String name) {
        return string(name).filter(text -> {
            int control = text.codePoints().filter(Character::isISOControl).findFirst().orElse(-1);
            if (control >= 0) {
                problems.add(field(name), "has a control character (" + String.format("U+%04X", control)
                        + "); text shown to people must be printable");
                return false;
            }
            return true;
        });
    }

    /** A string that may be empty, such as a header prefix. */
    Optional<String> text(String name) {
        Object value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            problems.add(field(name), "must be a string");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    Optional<String> requiredString(String name, String why) {
        if (!has(name)) {
            problems.add(field(name), "required " + why);
            return Optional.empty();
        }
        return string(name);
    }

    Optional<Boolean> bool(String name) {
        Object value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean bool)) {
            problems.add(field(name), "must be true or false");
            return Optional.empty();
        }
        return Optional.of(bool);
    }

    /** A string, or a list of strings; empty list when absent. */
    List<String> stringOrList(String name) {
        Object value = object.get(name);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (value instanceof String text) {
            result.add(text);
            return result;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(field(name), "must be a string or a list of strings");
            return result;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String item && !item.isBlank()) {
                result.add(item);
            } else {
                problems.add(field(name) + "[" + i + "]", "must be a non-empty string");
            }
        }
        return result;
    }

    /** A list of strings, also accepting one space-separated string (OAuth scope syntax). */
    List<String> scopes(String name) {
        if (object.get(name) instanceof String text) {
            if (text.isBlank()) {
                problems.add(field(name), "must not be blank: give a list of scopes, or leave the field out");
                return new ArrayList<>();
            }
            return List.of(text.trim().split("\\s+"));
        }
        return stringOrList(name);
    }

    @SuppressWarnings("unchecked")
    Optional<JsonFields> object(String name) {
        Object value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map)) {
            problems.add(field(name), "must be an object");
            return Optional.empty();
        }
        return Optional.of(new JsonFields((Map<String, Object>) value, field(name), problems));
    }

    /** An object whose members are all strings. */
    Map<String, String> stringMap(String name) {
        Map<String, String> result = new LinkedHashMap<>();
        object(name).ifPresent(child -> child.object.forEach((key, value) -> {
            if (value instanceof String text) {
                result.put(key, text);
            } else {
                problems.add(child.field(key), "must be a string");
            }
        }));
        return result;
    }

    <E extends Enum<E> & Identified> Optional<E> identified(String name, Class<E> type) {
        return string(name).flatMap(id -> {
            Optional<E> constant = Identified.byId(type, id);
            if (constant.isEmpty()) {
                List<String> allowed = new ArrayList<>();
                for (E e : type.getEnumConstants()) {
                    allowed.add(e.id());
                }
                problems.add(field(name), "'" + id + "' is not one of " + String.join(", ", allowed));
            }
            return constant;
        });
    }

    Problems problems() {
        return problems;
    }
}
