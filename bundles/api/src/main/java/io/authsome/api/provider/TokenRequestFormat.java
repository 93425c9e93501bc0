package io.authsome.api.provider;

import java.util.Locale;

/** How requests to the token endpoint are encoded ({@code oauth.token_request_format}). */
public enum TokenRequestFormat implements Identified {
    /** application/x-www-form-urlencoded, as RFC 6749 says (the default). */
    FORM,
    /** application/json (Postiz's device token poll). */
    JSON;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
