package io.authsome.api.provider;

import java.util.Locale;

/** How the client authenticates at the token endpoint ({@code oauth.client_auth}, RFC 7591 names). */
public enum ClientAuthentication implements Identified {
    /** client_id and client_secret in the form body (the default). */
    CLIENT_SECRET_POST,
    /** HTTP Basic with client_id and client_secret. */
    CLIENT_SECRET_BASIC;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
