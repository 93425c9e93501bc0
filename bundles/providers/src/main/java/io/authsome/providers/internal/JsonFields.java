package io.authsome.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.authsome.api.provider.Identified;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of one JSON object of a provider definition. Every read that finds the wrong type
 * records a problem naming the field's dotted path and returns empty, so validation goes on and
 * reports all problems at once. Not thread-safe.
 */
final class JsonFields {
    private final JsonNode object;
    private final String path;
    private final Problems problems;

    JsonFields(JsonNode object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Records a problem for every member that is not in {@code known}. */
    void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(field(name), "unknown field");
            }
        }
    }

    boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    boolean isArray(String name) {
        JsonNode value = object.get(name);
        return value != null && value.isArray();
    }

    int arraySize(String name) {
        JsonNode value = object.get(name);
        return value == null ? 0 : value.size();
    }

    Optional<String> string(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(field(name), "must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /** A string that may be empty, such as a header prefix. */
    Optional<String> text(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(field(name), "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    Optional<String> requiredString(String name, String why) {
        if (!has(name)) {
            problems.add(field(name), "required " + why);
            return Optional.empty();
        }
        return string(name);
    }

    Optional<Boolean> bool(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            problems.add(field(name), "must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.booleanValue());
    }

    /** A string, or a list of strings; empty list when absent. */
    List<String> stringOrList(String name) {
        JsonNode value = object.get(name);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isTextual()) {
            result.add(value.asText());
            return result;
        }
        if (!value.isArray()) {
            problems.add(field(name), "must be a string or a list of strings");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(field(name) + "[" + i + "]", "must be a non-empty string");
            } else {
                result.add(item.asText());
            }
        }
        return result;
    }

    /** A list of strings, also accepting one space-separated string (OAuth scope syntax). */
    List<String> scopes(String name) {
        JsonNode value = object.get(name);
        if (value != null && value.isTextual()) {
            if (value.asText().isBlank()) {
                problems.add(field(name), "must not be blank: give a list of scopes, or leave the field out");
                return new ArrayList<>();
            }
            return List.of(value.asText().trim().split("\\s+"));
        }
        return stringOrList(name);
    }

    Optional<JsonFields> object(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            problems.add(field(name), "must be an object");
            return Optional.empty();
        }
        return Optional.of(new JsonFields(value, field(name), problems));
    }

    /** An object whose members are all strings. */
    Map<String, String> stringMap(String name) {
        Map<String, String> result = new LinkedHashMap<>();
        object(name).ifPresent(child -> child.object.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                result.put(entry.getKey(), entry.getValue().asText());
            } else {
                problems.add(child.field(entry.getKey()), "must be a string");
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

    Iterable<Map.Entry<String, JsonNode>> members() {
        return object::fields;
    }

    Problems problems() {
        return problems;
    }
}
