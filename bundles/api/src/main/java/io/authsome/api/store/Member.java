package io.authsome.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A member of a shared store.
 *
 * @param name        the member's name ({@code store.member}, else {@code user@host})
 * @param publicKey   the public key the data key is wrapped for, as {@code add} takes it
 * @param fingerprint a short digest of the public key, to compare keys by eye
 * @param addedAt     when the member was added; {@code null} for a home that is not a member yet
 * @param addedBy     the member who added it; {@code null} as {@code addedAt}
 */
public record Member(String name, String publicKey, String fingerprint, Instant addedAt, String addedBy) {
    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
