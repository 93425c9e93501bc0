package io.authsome.proxy.internal;

import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The leaf certificates of one CA kept on disk across runs, so that a new run presents a host's
 * certificate without minting it (and without loading BouncyCastle): in
 * {@code ca/leaves/<the CA certificate's SHA-256, 16 hex digits>/}, {@code key.pem} holds the key
 * pair of every leaf of that CA (0600) and {@code <host>.pem} each host's certificate. The folders
 * of other CAs (before {@code ca regenerate}) are removed when it opens. A certificate is used only
 * while it was signed by the CA for the kept key and stays valid for {@value #MARGIN_DAYS} more
 * day; writing is best effort, as a home that cannot be written still runs. Thread-safe.
 */
final class LeafStore {
    static final String FOLDER = "leaves";
    private static final String KEY_FILE = "key.pem";
    private static final int MARGIN_DAYS = 1;
    private static final Pattern PLAIN_HOST = Pattern.compile("[a-z0-9][a-z0-9.-]{0,200}");

    private final Path directory;
    private final X509Certificate ca;
    private final KeyPair keys;

    private LeafStore(Path directory, X509Certificate ca, KeyPair keys) {
        this.directory = directory;
        this.ca = ca;
        this.keys = keys;
    }

    /**
     * The store of {@code ca} in {@code caDirectory}, with the kept leaf key, or a new one from
     * {@code newKeys} (then kept). When the folder cannot be written, the store keeps nothing.
     */
    static LeafStore open(Path caDirectory, X509Certificate ca, KeyPairSource newKeys) throws GeneralSecurityException {
        Path leaves = caDirectory.resolve(FOLDER);
        Path directory = leaves.resolve(fingerprint(ca));
        removeOthers(leaves, directory);
        Path keyFile = directory.resolve(KEY_FILE);
        try {
            if (Files.isRegularFile(keyFile)) {
                return new LeafStore(directory, ca, readKeys(keyFile));
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // Damaged: replaced below.
        }
        KeyPair made = newKeys.make();
        try {
            PrivateFiles.ensureDirectory(leaves);
            PrivateFiles.ensureDirectory(directory);
            PrivateFiles.writeAtomically(keyFile, pem(made));
        } catch (IOException e) {
            return new LeafStore(null, ca, made);
        }
        return new LeafStore(directory, ca, made);
    }

    /** Makes a key pair for leaves. */
    interface KeyPairSource {
        KeyPair make() throws GeneralSecurityException;
    }

    KeyPair keys() {
        return keys;
    }

    /** The kept certificate for {@code host}, or {@code null} when there is none still usable. */
    X509Certificate find(String host) {
        if (directory == null) {
            return null;
        }
        Path file = directory.resolve(fileName(host));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            leaf.verify(ca.getPublicKey());
            boolean usable = leaf.getPublicKey().equals(keys.getPublic())
                    && leaf.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(MARGIN_DAYS)));
            return usable ? leaf : null;
        } catch (IOException | GeneralSecurityException e) {
            return null; // damaged or of another key: minted again and replaced
        }
    }

    /** Keeps {@code leaf} for {@code host}, if the folder can be written. */
    void keep(String host, X509Certificate leaf) {
        if (directory == null) {
            return;
        }
        try {
            PrivateFiles.writeAtomically(directory.resolve(fileName(host)), pemBlock("CERTIFICATE", leaf.getEncoded()));
        } catch (IOException | CertificateEncodingException e) {
            // Minted again by the next run.
        }
    }

    private static String fileName(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return (PLAIN_HOST.matcher(lower).matches() ? lower : "h-" + sha256(lower.getBytes(StandardCharsets.UTF_8))
                .substring(0, 32)) + ".pem";
    }

    private static String fingerprint(X509Certificate ca) throws GeneralSecurityException {
        return sha256(ca.getEncoded()).substring(0, 16);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the folders of other CAs: their leaves are of no use and their key is a secret. */
    private static void removeOthers(Path leaves, Path kept) {
        if (!Files.isDirectory(leaves)) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(leaves)) {
            for (Path folder : folders) {
                if (!folder.equals(kept)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                        for (Path file : files) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(folder);
                }
            }
        } catch (IOException e) {
            // Left for the next run.
        }
    }

    private static byte[] pem(KeyPair pair) {
        String text = new String(pemBlock("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII)
                + new String(pemBlock("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pemBlock(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyPair readKeys(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        KeyFactory factory = KeyFactory.getInstance("EC");
        return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY"))),
                factory.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY"))));
    }

    private static byte[] block(String text, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf("-----END " + type + "-----");
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("no " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
