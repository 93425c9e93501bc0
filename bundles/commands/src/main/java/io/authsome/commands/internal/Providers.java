package io.authsome.commands.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderCatalog;
import java.util.List;

/** Look-ups that every provider command shares, with the error the contract asks for. */
final class Providers {
    private Providers() {
    }

    /**
     * The provider called {@code name}.
     *
     * @throws AuthsomeException {@code PROVIDER_NOT_FOUND} naming the closest known names
     */
    static Provider require(ProviderCatalog catalog, String name) throws AuthsomeException {
        return catalog.find(name).orElseThrow(() -> {
            List<String> close = catalog.closestNames(name, 3);
            String hint = close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
            return new AuthsomeException(ErrorCode.PROVIDER_NOT_FOUND, "unknown provider '" + name + "'" + hint,
                    "authsome list shows the known providers; authsome register <file.json> adds one");
        });
    }
}
