package io.authsome.api.credential;

/**
 * The value that {@code authsome run} puts in a child's credential variables (so SDKs that insist
 * on a key start) while its proxy injects the real credential. It is never a credential itself:
 * whatever reads keys from the environment or from files ignores it, so that a login or an
 * import run inside {@code authsome run} cannot store it.
 *
 * @since 1.1
 */
public interface Placeholder {
    /** {@value}. */
    String VALUE = "authsome-proxy-managed";

    /** Whether {@code value} is the placeholder (surrounding blanks ignored), not a credential. */
    static boolean is(String value) {
        return value != null && value.strip().equals(VALUE);
    }
}
