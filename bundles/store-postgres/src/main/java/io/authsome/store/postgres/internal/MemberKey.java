package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.vault.Secret;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.PassphraseWrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A member's X25519 key pair, and the wrapping of the team's data key for a member's public key:
 * an ephemeral X25519 agreement with the public key, HKDF-SHA256 of the shared secret, and
 * AES-256-GCM of the keyring bound to the recipient's key. Only the holder of the private key,
 * kept in its home's {@code member.key} (mode 0600; in the clear, or wrapped under a passphrase
 * as a passphrase-mode {@code master.key} is), unwraps it. The private key is never in
 * {@link #toString()}.
 */
final class MemberKey {
    /** The start of a public key as members pass it to each other. */
    static final String PUBLIC_PREFIX = "authsome-member:";
    private static final String INFO = "authsome team data key v1";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the passphrase of a member key that has one comes from. */
    @FunctionalInterface
    interface Passphrase {
        Secret get() throws AuthsomeException;
    }

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private MemberKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * The key pair in {@code file}, made and written (mode 0600, no passphrase) when there is none
     * yet; {@code passphrase} is asked only for a key that has one.
     *
     * @throws AuthsomeException {@code AUTHENTICATION_FAILED} for a wrong passphrase,
     *                           {@code CREDENTIAL_UNAVAILABLE} for a damaged wrap; nothing is changed
     */
    static MemberKey loadOrCreate(Path file, Passphrase passphrase) throws IOException, AuthsomeException {
        if (!Files.exists(file)) {
            KeyPair pair = generator().generateKeyPair();
            MemberKey created = new MemberKey(pair.getPrivate(), pair.getPublic());
            PrivateFiles.ensureDirectory(file.getParent());
            created.save(file, null);
            return created;
        }
        Map<String, Object> json = read(file);
        byte[] privateBytes;
        if (json.get("wrap") instanceof Map<?, ?> wrap) {
            try {
                privateBytes = PassphraseWrap.unwrap(wrap, passphrase.get());
            } catch (PassphraseWrap.DamagedWrapException e) {
                throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "this home's member key " + file
                        + " could not be unwrapped: " + e.getMessage(), "restore it from a backup, or ask a member to"
                        + " add this home again with a new key (authsome vault members self)");
            }
            if (privateBytes == null) {
                throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "wrong passphrase for this home's member key "
                        + file + "; nothing was read", "run again with the right AUTHSOME_PASSPHRASE");
            }
        } else {
            privateBytes = decode(json.get("private"));
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            return new MemberKey(factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)),
                    factory.generatePublic(new X509EncodedKeySpec(decode(json.get("public")))));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(file + " is not a member key file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether the key in {@code file} is wrapped under a passphrase; false when there is none yet. */
    static boolean hasPassphrase(Path file) throws IOException {
        return Files.exists(file) && read(file).get("wrap") instanceof Map<?, ?>;
    }

    /**
     * Writes this key pair to {@code file} (mode 0600, atomically): the private key wrapped under
     * {@code passphrase} (Argon2id, as a passphrase-mode {@code master.key}), or in the clear for
     * {@code null}.
     */
    void save(Path file, Secret passphrase) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("type", "x25519");
        json.put("public", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        if (passphrase == null) {
            json.put("private", Base64.getEncoder().encodeToString(privateKey.getEncoded()));
        } else {
            json.put("wrap", PassphraseWrap.wrap(privateKey.getEncoded(), passphrase));
        }
        PrivateFiles.writeAtomically(file, Json.writeLine(json).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> read(Path file) throws IOException {
        try {
            return Json.parseObject(Files.readAllBytes(file));
        } catch (MalformedJsonException e) {
            throw new IOException(file + " is not a member key file (" + e.getMessage() + ")");
        }
    }

    /** This member's public key, as {@code vault members add} takes it. */
    String publicText() {
        return publicText(publicKey);
    }

    /** The keyring of a {@link #wrap} for this member's public key. */
    Keyring unwrap(String wrapped) throws GeneralSecurityException {
        Map<String, Object> envelope;
        try {
            envelope = Json.parseObject(wrapped.getBytes(StandardCharsets.UTF_8));
            byte[] ephemeral = decode(envelope.get("epk"));
            PublicKey ephemeralKey = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(ephemeral));
            byte[] kek = kek(privateKey, ephemeralKey, ephemeral, publicKey.getEncoded());
            byte[] plain = gcm(Cipher.DECRYPT_MODE, kek, decode(envelope.get("nonce")), publicKey.getEncoded(),
                    decode(envelope.get("ct")));
            return Keyring.fromJson(Json.parseObject(plain));
        } catch (MalformedJsonException | RuntimeException e) {
            throw new GeneralSecurityException("the wrapped data key is malformed");
        }
    }

    /** {@code keyring} wrapped for the member whose public key is {@code recipient} ({@link #publicText}). */
    static String wrap(Keyring keyring, String recipient) throws GeneralSecurityException {
        PublicKey recipientKey = parsePublic(recipient);
        KeyPair ephemeral = generator().generateKeyPair();
        byte[] epk = ephemeral.getPublic().getEncoded();
        byte[] kek = kek(ephemeral.getPrivate(), recipientKey, epk, recipientKey.getEncoded());
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ct = gcm(Cipher.ENCRYPT_MODE, kek, nonce, recipientKey.getEncoded(),
                Json.writeLine(keyring.toJson()).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("v", 1);
        envelope.put("epk", Base64.getEncoder().encodeToString(epk));
        envelope.put("nonce", Base64.getEncoder().encodeToString(nonce));
        envelope.put("ct", Base64.getEncoder().encodeToString(ct));
        return Json.writeLine(envelope);
    }

    /**
     * A public key as members pass it, checked and in its one canonical spelling.
     *
     * @throws GeneralSecurityException when it is not an X25519 public key of this form
     */
    static String canonical(String text) throws GeneralSecurityException {
        return publicText(parsePublic(text.strip()));
    }

    /** A short digest of a public key, to compare keys by eye: 8 pairs of hex digits. */
    static String fingerprint(String publicText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.ofDelimiter(":").formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "MemberKey[" + fingerprint(publicText()) + "]";
    }

    private static String publicText(PublicKey key) {
        return PUBLIC_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(key.getEncoded());
    }

    private static PublicKey parsePublic(String text) throws GeneralSecurityException {
        if (!text.startsWith(PUBLIC_PREFIX)) {
            throw new GeneralSecurityException("a member key starts with " + PUBLIC_PREFIX);
        }
        try {
            byte[] der = Base64.getUrlDecoder().decode(text.substring(PUBLIC_PREFIX.length()));
            return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the member key is not valid base64url");
        }
    }

    private static KeyPairGenerator generator() {
        try {
            return KeyPairGenerator.getInstance("X25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is missing from this Java runtime", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) of the X25519 secret, salted with both public keys: the key-encryption key. */
    private static byte[] kek(PrivateKey own, PublicKey other, byte[] ephemeral, byte[] recipient)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(own);
        agreement.doPhase(other, true);
        byte[] shared = agreement.generateSecret();
        byte[] salt = new byte[ephemeral.length + recipient.length];
        System.arraycopy(ephemeral, 0, salt, 0, ephemeral.length);
        System.arraycopy(recipient, 0, salt, ephemeral.length, recipient.length);
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(shared);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(INFO.getBytes(StandardCharsets.UTF_8));
        expand.update((byte) 1);
        return expand.doFinal();
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    private static byte[] decode(Object value) {
        return Base64.getDecoder().decode((String) value);
    }
}
