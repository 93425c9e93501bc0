package io.authsome.oauth.internal;

import io.authsome.api.vault.Secret;

/**
 * What a token endpoint granted.
 *
 * @param accessToken  the access token
 * @param refreshToken the refresh token, or {@code null} when none was returned
 * @param expiresIn    lifetime in seconds, or {@code null} when the server did not say
 * @param scope        the granted scopes as returned, or {@code null}
 * @param tokenType    usually {@code Bearer}
 * @param account      who the token belongs to, when the response says
 */
record TokenResponse(Secret accessToken, Secret refreshToken, Long expiresIn, String scope, String tokenType,
                     String account) {
}
