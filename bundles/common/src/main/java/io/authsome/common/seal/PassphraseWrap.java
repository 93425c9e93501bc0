package io.authsome.common.seal;

import io.authsome.api.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The keyring under a passphrase: Argon2id (memory-hard, so each guess costs {@value #MEMORY_KIB}
 * KiB and about half a second here) derives a secret from the passphrase and a random salt; from
 * it come a check value, stored so that a wrong passphrase can be told from a damaged wrap, and
 * the AES-256-GCM key that encrypts and authenticates the keyring. The cost
 * parameters are stored in each wrap, so they can grow without breaking older wraps.
 * <p>
 * BouncyCastle's lightweight Argon2 is used directly (its JCA provider is never registered), and
 * only here, so a key-file vault never loads it.
 */
public final class PassphraseWrap {
    public static final int FORMAT = 2;
    public static final String KDF = "argon2id";
    /*
     * Every command of a passphrase vault pays one derivation, in a JVM that one-shot commands run
     * with the C1 compiler only. Measured there: 64 MiB with 1 pass adds about 0.55 s to a
     * command, with 3 passes about 1.2 s. One pass over 64 MiB is above OWASP's Argon2id minimum
     * (46 MiB, 1 pass, 1 lane); stored per wrap, so it can grow.
     */
    public static final int MEMORY_KIB = 64 * 1024;
    public static final int ITERATIONS = 1;
    public static final int PARALLELISM = 1;
    /** The shortest passphrase a vault accepts, in characters. */
    public static final int MIN_PASSPHRASE_LENGTH = 12;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Bounds on stored cost parameters, so that a damaged wrap cannot ask for all memory or hours. */
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;
    private static final byte[] AAD = "authsome keyring wrap v2".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A wrap that cannot be opened although the passphrase is right, or that is not a wrap at all. */
    public static final class DamagedWrapException extends Exception {
        private static final long serialVersionUID = 1L;

        public DamagedWrapException(String reason) {
            super(reason);
        }
    }

    private PassphraseWrap() {
    }

    /**
     * {@code keyring} wrapped under {@code passphrase}, as the JSON object stored in {@code master.key}
     * (and, for a member of a team store, in {@code member.key}).
     */
    public static Map<String, Object> wrap(byte[] keyring, Secret passphrase) {
        byte[] salt = random(SALT_BYTES);
        byte[] nonce = random(NONCE_BYTES);
        Derived derived = derive(passphrase, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        Map<String, Object> wrap = new LinkedHashMap<>();
        wrap.put("v", FORMAT);
        wrap.put("kdf", KDF);
        wrap.put("m", MEMORY_KIB);
        wrap.put("t", ITERATIONS);
        wrap.put("p", PARALLELISM);
        wrap.put("salt", encode(salt));
        wrap.put("check", encode(derived.check()));
        wrap.put("nonce", encode(nonce));
        wrap.put("ct", encode(gcm(Cipher.ENCRYPT_MODE, derived.key(), nonce, keyring)));
        return wrap;
    }

    /**
     * The keyring bytes of {@code wrap}, or {@code null} when {@code passphrase} is not the one it
     * was wrapped with.
     *
     * @throws DamagedWrapException when the wrap is malformed, or the passphrase is right but the
     *                              ciphertext does not authenticate
     */
    public static byte[] unwrap(Map<?, ?> wrap, Secret passphrase) throws DamagedWrapException {
        if (!(wrap.get("v") instanceof Number version) || version.intValue() != FORMAT || !KDF.equals(wrap.get("kdf"))) {
            throw new DamagedWrapException("unknown wrap format " + wrap.get("v") + "/" + wrap.get("kdf"));
        }
        int memory = bounded(wrap, "m", 8, MAX_MEMORY_KIB);
        int iterations = bounded(wrap, "t", 1, MAX_ITERATIONS);
        int parallelism = bounded(wrap, "p", 1, MAX_PARALLELISM);
        byte[] salt = decode(wrap, "salt");
        byte[] check = decode(wrap, "check");
        byte[] nonce = decode(wrap, "nonce");
        byte[] ciphertext = decode(wrap, "ct");
        if (salt.length < 8 || nonce.length != NONCE_BYTES) {
            throw new DamagedWrapException("its salt or nonce has the wrong length");
        }
        Derived derived = derive(passphrase, salt, memory, iterations, parallelism);
        if (!MessageDigest.isEqual(check, derived.check())) {
            return null;
        }
        try {
            return gcm(Cipher.DECRYPT_MODE, derived.key(), nonce, ciphertext);
        } catch (IllegalStateException e) {
            throw new DamagedWrapException("the passphrase is right but the wrapped key does not authenticate:"
                    + " the file was changed or damaged");
        }
    }

    /** Whether {@code passphrase} is long enough to protect a vault. */
    public static boolean longEnough(Secret passphrase) {
        return passphrase.reveal().codePointCount(0, passphrase.reveal().length()) >= MIN_PASSPHRASE_LENGTH;
    }

    private record Derived(byte[] key, byte[] check) {
    }

    private static Derived derive(Secret passphrase, byte[] salt, int memory, int iterations, int parallelism) {
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build());
        byte[] secret = new byte[32];
        char[] chars = passphrase.reveal().toCharArray();
        try {
            argon2.generateBytes(chars, secret);
            return new Derived(hmac(secret, "authsome wrap key"), hmac(secret, "authsome passphrase check"));
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** AES-256-GCM; a ciphertext that does not authenticate is an {@link IllegalStateException}. */
    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(AAD);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int bounded(Map<?, ?> wrap, String member, int min, int max) throws DamagedWrapException {
        if (wrap.get(member) instanceof Number number && number.longValue() >= min && number.longValue() <= max) {
            return number.intValue();
        }
        throw new DamagedWrapException("its parameter " + member + " is missing or out of range");
    }

    private static byte[] decode(Map<?, ?> wrap, String member) throws DamagedWrapException {
        try {
            return Base64.getDecoder().decode((String) wrap.get(member));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new DamagedWrapException("its " + member + " is not base64");
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
