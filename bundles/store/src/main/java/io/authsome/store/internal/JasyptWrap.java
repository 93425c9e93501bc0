package io.authsome.store.internal;

import io.authsome.api.vault.Secret;
import java.util.function.Supplier;
import org.jasypt.encryption.pbe.StandardPBEByteEncryptor;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;
import org.jasypt.iv.RandomIvGenerator;
import org.jasypt.salt.RandomSaltGenerator;

/**
 * Encrypts the keyring under a passphrase with Jasypt: PBKDF2 with HMAC-SHA512 over a random salt
 * ({@value #ITERATIONS} iterations, so each guess costs real time) and AES-256. This runs once
 * per process, at unlock; records themselves use the keyring's keys and stay cheap.
 */
final class PassphraseWrap {
    static final String ALGORITHM = "PBEWITHHMACSHA512ANDAES_256";
    static final int ITERATIONS = 100_000;

    private PassphraseWrap() {
    }

    static byte[] wrap(byte[] keyring, Secret passphrase) {
        return withBundleLoader(() -> encryptor(passphrase).encrypt(keyring));
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

    private static StandardPBEByteEncryptor encryptor(Secret passphrase) {
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
