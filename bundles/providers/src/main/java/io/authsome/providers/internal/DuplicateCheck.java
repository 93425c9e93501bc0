package io.authsome.providers.internal;

import io.authsome.api.provider.OAuthSettings;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.Route;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds an existing provider that a new definition copies: the same token or authorization
 * endpoint, or an API route that covers the same requests. Re-registering a provider under a
 * new name just to ask for more scopes is the usual cause, and {@code login --scopes} is the fix.
 */
final class DuplicateCheck {
    /** The provider copied and what was copied. */
    record Duplicate(String provider, String what) {
    }

    private DuplicateCheck() {
    }

    static Optional<Duplicate> find(ProviderDefinition candidate, List<Provider> existing) {
        for (Provider provider : existing) {
            ProviderDefinition other = provider.definition();
            if (other.name().equals(candidate.name())) {
                continue;
            }
            Optional<String> endpoint = sameEndpoint(candidate.oauth(), other.oauth());
            if (endpoint.isPresent()) {
                return Optional.of(new Duplicate(other.name(), endpoint.get()));
            }
            for (Route route : candidate.routes()) {
                for (Route otherRoute : other.routes()) {
                    if (route.sameTarget(otherRoute)) {
                        return Optional.of(new Duplicate(other.name(), "API route " + otherRoute.spec()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sameEndpoint(OAuthSettings mine, OAuthSettings theirs) {
        if (mine == null || theirs == null) {
            return Optional.empty();
        }
        if (same(mine.expand(mine.tokenUrl(), null), theirs.expand(theirs.tokenUrl(), null))) {
            return Optional.of("token_url " + theirs.expand(theirs.tokenUrl(), null));
        }
        if (same(mine.expand(mine.authorizationUrl(), null), theirs.expand(theirs.authorizationUrl(), null))) {
            return Optional.of("authorization_url " + theirs.expand(theirs.authorizationUrl(), null));
        }
        return Optional.empty();
    }

    private static boolean same(String a, String b) {
        return a != null && Objects.equals(Urls.trimSlash(a), b == null ? null : Urls.trimSlash(b));
    }
}
