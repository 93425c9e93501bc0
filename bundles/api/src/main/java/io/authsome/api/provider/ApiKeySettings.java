package io.authsome.api.provider;

import java.util.regex.Pattern;

/**
 * The {@code api_key} section of an API-key provider.
 *
 * @param keyPattern     what a valid key looks like, or {@code null} when any key is accepted
 * @param keyPatternHint shown when an entered key does not match {@code keyPattern}
 * @param envVar         environment variable that {@code login} reads the key from
 */
public record ApiKeySettings(Pattern keyPattern, String keyPatternHint, String envVar) {
    /** Whether {@code key} has the expected shape; always true without a pattern. */
    public boolean accepts(String key) {
        return keyPattern == null || keyPattern.matcher(key).matches();
    }
}
