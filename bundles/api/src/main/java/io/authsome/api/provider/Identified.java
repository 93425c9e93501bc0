package io.authsome.api.provider;

import java.util.Optional;

/** An enum constant with the identifier that provider JSON and the command line use for it. */
public interface Identified {
    /** The identifier as written in provider JSON and on the command line, e.g. {@code api_key}. */
    String id();

    /** The constant of {@code type} whose {@link #id()} is {@code id}, if any. */
    static <E extends Enum<E> & Identified> Optional<E> byId(Class<E> type, String id) {
        for (E constant : type.getEnumConstants()) {
            if (constant.id().equals(id)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
