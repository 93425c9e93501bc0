package io.authsome.api.credential;

import java.util.List;

/**
 * The environment variables through which authsome itself takes secrets, so that scripts and
 * CI can drive it without a terminal. Whatever starts another program ({@code authsome run})
 * removes all of them from its environment, with every other variable of authsome's own: they
 * all start with {@value #PREFIX}.
 * <p>
 * {@code bin/authsome} takes them out of the environment before the JVM starts (a process of
 * the same user could read them in {@code /proc/<pid>/environ} for as long as the process
 * lives) and hands them over a pipe; the launcher passes them to the framework as the
 * properties {@value #PROPERTY_PREFIX}{@code <name>}. A command reads one for its invocation with
 * {@code CommandContext.secretVariable}, a login flow with {@code LoginInteraction.secretVariable}.
 *
 * @since 1.1
 */
public interface SecretVariables {
    /** The start of the name of every environment variable authsome reads. */
    String PREFIX = "AUTHSOME_";
    /** The vault passphrase in passphrase mode. */
    String PASSPHRASE = "AUTHSOME_PASSPHRASE";
    /** The new passphrase of {@code vault rekey --mode passphrase}. */
    String NEW_PASSPHRASE = "AUTHSOME_NEW_PASSPHRASE";
    /** An OAuth client secret at login. */
    String CLIENT_SECRET = "AUTHSOME_CLIENT_SECRET";
    /**
     * The password of the database of {@code store.backend postgres}.
     *
     * @since 2.1
     */
    String STORE_PASSWORD = "AUTHSOME_STORE_PASSWORD";
    /** All of them. */
    List<String> ALL = List.of(PASSPHRASE, NEW_PASSPHRASE, CLIENT_SECRET, STORE_PASSWORD);
    /**
     * The framework property that carries a variable the launcher took over: this, then its name.
     *
     * @since 1.2
     */
    String PROPERTY_PREFIX = "authsome.secret.";
}
