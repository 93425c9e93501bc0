package io.authsome.store.internal;

import io.authsome.api.vault.Secret;
import java.util.function.Supplier;
import org.jasypt.encryption.pbe.StandardPBEByteEncryptor;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;
import org.jasypt.iv.RandomIvGenerator;
import org.jasypt.salt.RandomSaltGenerator;

/**
 * The keyring wrap of authsome 0.1: Jasypt's PBKDF2-HMAC-SHA512 ({@value #ITERATIONS} iterations)
 * and AES-256-CBC, without a MAC. Only read, so that a vault made then still opens; the
 * {@link Unlocker} rewrites it as a {@link PassphraseWrap} at the first unlock.
 */
final class JasyptWrap {
    static final String ALGORITHM = "PBEWITHHMACSHA512ANDAES_256";
    static final int ITERATIONS = 100_000;

    private JasyptWrap() {
    }

    /** The keyring bytes, or {@code null} when {@code passphrase} is not the one it was wrapped with. */
    static byte[] unwrap(byte[] wrapped, Secret passphrase) {
        return withBundleLoader(() -> {
            try {
                return encryptor(passphrase).decrypt(wrapped);
            } catch (EncryptionOperationNotPossibleException wrongPassphrase) {
                return null;
            }
        });
    }

    static StandardPBEByteEncryptor encryptor(Secret passphrase) {
        StandardPBEByteEncryptor encryptor = new StandardPBEByteEncryptor();
        encryptor.setAlgorithm(ALGORITHM);
        encryptor.setKeyObtentionIterations(ITERATIONS);
        encryptor.setSaltGenerator(new RandomSaltGenerator());
        encryptor.setIvGenerator(new RandomIvGenerator());
        encryptor.setPasswordCharArray(passphrase.reveal().toCharArray());
        return encryptor;
    }

    /** Jasypt looks classes up through the thread context class loader, which may be null in a framework thread. */
    private static <T> T withBundleLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(StandardPBEByteEncryptor.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
