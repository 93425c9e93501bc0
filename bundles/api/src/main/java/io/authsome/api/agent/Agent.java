package io.authsome.api.agent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A long-running agent that may use the daemon's shared proxy: what it may reach, never its
 * credential (authsome keeps only a salted hash of that). Immutable.
 *
 * @param name    the agent's name, the user name of its proxy URL
 * @param profile the profile whose connections its requests carry (the profile of {@code agent add})
 * @param grants  the providers it may use, at most one grant per provider; a request to any other
 *                provider's API gets no credential
 * @param created when it was added
 * @since 1.0
 */
public record Agent(String name, String profile, List<Grant> grants, Instant created) {
    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        grants = List.copyOf(grants);
        Objects.requireNonNull(created, "created");
    }

    /** The grant of {@code provider}, if the agent may use it. */
    public Optional<Grant> grant(String provider) {
        return grants.stream().filter(grant -> grant.provider().equals(provider)).findFirst();
    }
}
