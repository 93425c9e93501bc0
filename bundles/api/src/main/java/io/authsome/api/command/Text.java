package io.authsome.api.command;

import java.util.Objects;

/** Lines printed as they are. */
public record Text(String text) implements Block {
    public Text {
        Objects.requireNonNull(text, "text");
    }
}
