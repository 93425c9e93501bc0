package io.authsome.common.jwt;

/**
 * A private key that cannot be used: not PEM, encrypted, not RSA, too short, or damaged. The
 * message says which, naming the PEM label at most, never a byte of the key.
 */
public final class KeyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyFormatException(String message) {
        super(message);
    }
}
