package io.authsome.oauth.internal.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.credential.Placeholder;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginFlow;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code api_key} flow: the key comes from the provider's environment variable (in the
 * invocation's environment, {@code LoginInteraction.environment()}), else from
 * standard input when it is not a terminal, else from a masked prompt; never from argv. A key
 * that does not have the provider's {@code key_pattern} is refused with the pattern's hint, and
 * so is a key with a control character (a line break would split the header it is sent in).
 */
@Component(property = LoginFlow.FLOW + "=api_key")
public final class ApiKeyFlow implements LoginFlow {
    @Override
    public Connection login(LoginRequest request) throws AuthsomeException {
        ProviderDefinition definition = request.provider().definition();
        ApiKeySettings settings = definition.apiKey() == null ? new ApiKeySettings(null, null, null)
                : definition.apiKey();
        String source = "input";
        Optional<Secret> key = Optional.empty();
        if (settings.envVar() != null) {
            String fromEnv = request.interaction().environment().get(settings.envVar());
            if (fromEnv != null && !fromEnv.isBlank() && !Placeholder.is(fromEnv)) {
                key = Optional.of(Secret.of(fromEnv.strip()));
                source = "env:" + settings.envVar();
            }
        }
        if (key.isEmpty()) {
            key = request.interaction().askSecret(definition.displayName() + " API key: ", !request.noBrowser())
                    .map(secret -> Secret.of(secret.reveal().strip()));
        }
        Secret secret = key.filter(s -> !s.isEmpty()).orElseThrow(() -> new LoginFailure(
                LoginFailure.Reason.NO_KEY, ErrorCode.AUTHENTICATION_FAILED, "no API key given for " + definition.name(),
                settings.envVar() == null ? "run on a terminal, or pipe the key on standard input"
                        : "set " + settings.envVar() + ", pipe the key on standard input, or run on a terminal"));
        int control = firstControlCharacter(secret.reveal());
        if (control >= 0) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the " + definition.displayName() + " API key contains"
                    + " a control character (such as a line break) at position " + (control + 1) + "; nothing was"
                    + " stored", "copy the key again, without line breaks, and run authsome login " + definition.name());
        }
        if (!settings.accepts(secret.reveal())) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "that does not look like a " + definition.displayName()
                    + " API key (expected " + settings.keyPattern().pattern() + ")",
                    settings.keyPatternHint() != null ? settings.keyPatternHint() : "check the key and try again");
        }
        return Connection.apiKey(definition.name(), request.connection(), secret, Map.of("source", source),
                Instant.now());
    }

    /** The index of the first C0 control character or DEL in {@code key}, or -1. */
    static int firstControlCharacter(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }
}
