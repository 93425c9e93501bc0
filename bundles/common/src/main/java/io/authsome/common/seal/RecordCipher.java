package io.authsome.common.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of one record: AES-256-GCM with a random 96-bit nonce, and the
 * record's identity as associated data, so that a changed byte, a record moved to another name,
 * or two records swapped all fail to decrypt. Thread-safe.
 */
public final class RecordCipher {
    public static final int FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A record that does not decrypt: damaged, tampered with, or under a key the keyring lacks. */
    public static class UnreadableRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableRecordException(String reason) {
            super(reason);
        }
    }

    /** A record under a key the keyring does not hold: intact, but {@code master.key} is not its key. */
    public static final class UnknownKeyException extends UnreadableRecordException {
        private static final long serialVersionUID = 1L;
        private final String kid;

        public UnknownKeyException(String kid) {
            super("encrypted with key " + kid + ", which the keyring does not hold");
            this.kid = kid;
        }

        public String kid() {
            return kid;
        }
    }

    private final Keyring keyring;

    public RecordCipher(Keyring keyring) {
        this.keyring = keyring;
    }

    public Keyring keyring() {
        return keyring;
    }

    /** The envelope (format, key id, nonce, ciphertext) for {@code plaintext} bound to {@code identity}. */
    public Map<String, Object> seal(byte[] plaintext, String identity) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, keyring.key(keyring.current()), nonce, identity, plaintext);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("v", FORMAT);
        envelope.put("kid", keyring.current());
        envelope.put("nonce", Base64.getEncoder().encodeToString(nonce));
        envelope.put("ct", Base64.getEncoder().encodeToString(ciphertext));
        return envelope;
    }

    /** The plaintext of an envelope written by {@link #seal} for the same {@code identity}. */
    public byte[] open(Map<String, Object> envelope, String identity) throws UnreadableRecordException {
        if (!(envelope.get("v") instanceof Number version) || version.longValue() != FORMAT) {
            throw new UnreadableRecordException("unknown record format " + envelope.get("v"));
        }
        if (!(envelope.get("kid") instanceof String kid)) {
            throw new UnreadableRecordException("the envelope names no key");
        }
        byte[] key = keyring.key(kid);
        if (key == null) {
            throw new UnknownKeyException(kid);
        }
        byte[] nonce;
        byte[] ciphertext;
        try {
            nonce = Base64.getDecoder().decode((String) envelope.get("nonce"));
            ciphertext = Base64.getDecoder().decode((String) envelope.get("ct"));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new UnreadableRecordException("the envelope is malformed");
        }
        if (nonce.length != NONCE_BYTES) {
            throw new UnreadableRecordException("the envelope is malformed");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, identity);
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new UnreadableRecordException("it does not authenticate: damaged, tampered with, or moved");
        }
    }

    /** Whether an envelope is under the current key (a rekey has not reached it yet otherwise). */
    public boolean isCurrent(Map<String, Object> envelope) {
        return keyring.current().equals(envelope.get("kid"));
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, String identity, byte[] input) {
        try {
            return cipher(mode, key, nonce, identity).doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String identity) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(identity.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
