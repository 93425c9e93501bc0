package io.authsome.api.provider;

import java.util.Locale;

/** How the credential is written into the injected header value. */
public enum HeaderFormat implements Identified {
    /** The header prefix followed by the credential as it is. */
    RAW,
    /** HTTP Basic with the credential as user name and an empty password. */
    BASIC;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
