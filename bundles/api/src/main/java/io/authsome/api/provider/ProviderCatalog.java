package io.authsome.api.provider;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every provider the runtime knows, whatever its source, and the definitions it rejected.
 * When two sources define the same name, a custom definition shadows a drop-in one, which
 * shadows a bundled one.
 * <p>
 * A service of the provider extender bundle; thread-safe. Results reflect bundles and files as
 * they are when called: drop-ins and registrations of other processes appear within seconds.
 */
@ProviderType
public interface ProviderCatalog {
    /** The effective providers, sorted by name. */
    List<Provider> providers();

    /**
     * The effective provider called {@code name} (exact match, after shadowing), if any.
     *
     * @param name a provider name, e.g. {@code github}
     * @return the provider, or empty when no source defines it (see {@link #require})
     */
    Optional<Provider> find(String name);

    /**
     * The provider called {@code name}.
     *
     * @throws AuthsomeException {@code PROVIDER_NOT_FOUND} naming the closest known names and how
     *                           to add a provider
     */
    default Provider require(String name) throws AuthsomeException {
        Optional<Provider> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> close = closestNames(name, 3);
        String hint = close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
        throw new AuthsomeException(ErrorCode.PROVIDER_NOT_FOUND, "unknown provider '" + name + "'" + hint,
                "authsome list shows the known providers; authsome register <file.json> adds one");
    }

    /** Definitions that were rejected, and names defined twice by sources of the same rank. */
    List<ProviderProblem> problems();

    /** Up to {@code max} known names closest to {@code name}, closest first, for "did you mean". */
    List<String> closestNames(String name, int max);

    /**
     * Parses and validates a definition without installing it.
     *
     * @param json   the definition
     * @param origin how problems name its source, usually the file name
     * @throws InvalidProviderException listing every problem found
     */
    ProviderDefinition validate(byte[] json, String origin) throws InvalidProviderException;

    /**
     * Validates a definition and installs it as a custom provider, live at once.
     *
     * @param force replace a custom provider of the same name, shadow a bundled one, and accept a
     *              definition whose endpoints or routes duplicate another provider's
     * @throws InvalidProviderException when it does not validate (exit 65)
     * @throws AuthsomeException {@code PROVIDER_EXISTS} when the name is taken or the definition
     *                           duplicates another provider and {@code force} is false
     */
    Provider register(byte[] json, String origin, boolean force) throws AuthsomeException;

    /**
     * Uninstalls a custom provider.
     *
     * @return the removed provider
     * @throws AuthsomeException {@code PROVIDER_NOT_FOUND}, or {@code NOT_ALLOWED} for a provider
     *                           that is not custom
     */
    Provider remove(String name) throws AuthsomeException;
}
