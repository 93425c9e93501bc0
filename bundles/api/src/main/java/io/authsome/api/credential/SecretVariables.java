package io.authsome.api.credential;

import java.util.List;

/**
 * The environment variables through which authsome itself takes secrets, so that scripts and
 * CI can drive it without a terminal. Whatever starts another program ({@code authsome run})
 * removes all of them from its environment, with every other variable of authsome's own: they
 * all start with {@value #PREFIX}.
 */
public final class SecretVariables {
    /** The start of the name of every environment variable authsome reads. */
    public static final String PREFIX = "AUTHSOME_";
    /** The vault passphrase in passphrase mode. */
    public static final String PASSPHRASE = "AUTHSOME_PASSPHRASE";
    /** The new passphrase of {@code vault rekey --mode passphrase}. */
    public static final String NEW_PASSPHRASE = "AUTHSOME_NEW_PASSPHRASE";
    /** An OAuth client secret at login. */
    public static final String CLIENT_SECRET = "AUTHSOME_CLIENT_SECRET";
    /** All of them. */
    public static final List<String> ALL = List.of(PASSPHRASE, NEW_PASSPHRASE, CLIENT_SECRET);

    private SecretVariables() {
    }
}
