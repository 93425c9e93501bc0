package io.authsome.console.internal;

import java.util.Collection;
import java.util.List;

/** Service property values, which Declarative Services gives as a string or as several. */
final class PropertyValues {
    private PropertyValues() {
    }

    /** The strings of a property: none when it is absent or of another type. */
    static List<String> strings(Object property) {
        if (property instanceof String value) {
            return List.of(value);
        }
        if (property instanceof String[] values) {
            return List.of(values);
        }
        if (property instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
