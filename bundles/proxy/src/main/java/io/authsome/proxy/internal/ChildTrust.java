package io.authsome.proxy.internal;

import io.authsome.common.files.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The trust files of a run's child: a PEM bundle of the system's root certificates, the
 * certificates the caller trusted ({@code SSL_CERT_FILE}) and the proxy CA (for curl, OpenSSL,
 * Python, Node, Git and Deno), and a Java trust store of the runtime's roots, the same inherited
 * certificates and the proxy CA (for JVM children).
 * <p>
 * Building them costs about 250 ms, so they are kept in {@code ca/child-trust/<key>/}, where the
 * key is a digest of everything they are made from (the CA, the system bundle, the inherited
 * file, the runtime's {@code cacerts}: paths, sizes and modification times). A change to any of
 * them gives a new key; older entries are deleted when a new one is written. The files hold only
 * public certificates, yet the directory is 0700 and the files 0600, whatever the umask.
 */
final class ChildTrust {
    /** The password of the Java trust store; it protects nothing secret, Java only wants one. */
    static final String TRUST_STORE_PASSWORD = "changeit";
    private static final String DIRECTORY = "child-trust";
    private static final String BUNDLE = "ca-bundle.pem";
    private static final String TRUST_STORE = "truststore.jks";
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final List<Path> SYSTEM_BUNDLES = Stream.of("/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem").map(Path::of).toList();

    private final Path directory;

    private ChildTrust(Path directory) {
        this.directory = directory;
    }

    /**
     * The files for a child that must trust {@code ca} (whose certificate is in {@code caDirectory})
     * and keep trusting what it trusted before: the certificates in {@code inheritedBundle} (the
     * caller's {@code SSL_CERT_FILE}) when it names a readable file.
     */
    static ChildTrust of(CertificateAuthority ca, Path caDirectory, String inheritedBundle)
            throws IOException, GeneralSecurityException {
        Path inherited = inheritedBundle == null || inheritedBundle.isBlank() ? null : Path.of(inheritedBundle);
        if (inherited != null && !Files.isReadable(inherited)) {
            inherited = null;
        }
        Path system = SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst().orElse(null);
        Path root = caDirectory.resolve(DIRECTORY);
        Path directory = root.resolve(key(ca, system, inherited));
        if (!Files.isRegularFile(directory.resolve(TRUST_STORE))) {
            build(ca, system, inherited, root, directory);
        }
        return new ChildTrust(directory);
    }

    private static void build(CertificateAuthority ca, Path system, Path inherited, Path root, Path directory)
            throws IOException, GeneralSecurityException {
        privateDirectory(root);
        Path staging = Files.createTempDirectory(root, ".staging-", PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        try {
            KeyStore roots = TrustStores.runtimeRoots();
            try (OutputStream out = newPrivateFile(staging.resolve(BUNDLE))) {
                out.write(bundle(ca, roots, system, inherited));
            }
            if (inherited != null) {
                int index = 0;
                for (X509Certificate certificate : UpstreamTls.readPem(inherited)) {
                    roots.setCertificateEntry("inherited-" + index++, certificate);
                }
            }
            roots.setCertificateEntry("authsome-proxy-ca", ca.certificate());
            KeyStore jks = KeyStore.getInstance("JKS");
            jks.load(null, null);
            for (String alias : Collections.list(roots.aliases())) {
                jks.setCertificateEntry(alias, roots.getCertificate(alias));
            }
            try (OutputStream out = newPrivateFile(staging.resolve(TRUST_STORE))) {
                jks.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            publish(staging, directory);
            removeOthers(root, directory);
        } finally {
            deleteTree(staging);
        }
    }

    /** {@code ca/child-trust/} with mode 0700, whatever the umask or an earlier version left. */
    private static void privateDirectory(Path root) throws IOException {
        PrivateFiles.ensureDirectory(root);
        if (PrivateFiles.isOpenToOthers(root)) {
            Files.setPosixFilePermissions(root, DIRECTORY_MODE);
        }
    }

    /** A new file of mode 0600: created with that mode, so the umask cannot widen it. */
    private static OutputStream newPrivateFile(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
        return Files.newOutputStream(file, StandardOpenOption.WRITE);
    }

    /** Renames the staged files into place; a concurrent run that got there first wins. */
    private static void publish(Path staging, Path directory) throws IOException {
        try {
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isRegularFile(directory.resolve(TRUST_STORE))) {
                throw e; // not the directory another run published meanwhile
            }
        }
    }

    private static void removeOthers(Path root, Path keep) {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(entry -> !entry.equals(keep) && !entry.getFileName().toString().startsWith("."))
                    .forEach(ChildTrust::deleteTree);
        } catch (IOException e) {
            // Stale entries only cost disk space; the next new entry tries again.
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Best effort.
        }
    }

    private static String key(CertificateAuthority ca, Path system, Path inherited)
            throws IOException, GeneralSecurityException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(ca.certificate().getEncoded());
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        for (Path input : new Path[] {system, inherited, cacerts}) {
            String stamp = input == null || !Files.exists(input) ? "-" : input.toRealPath() + " " + Files.size(input)
                    + " " + Files.getLastModifiedTime(input).toMillis();
            digest.update((stamp + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    private static byte[] bundle(CertificateAuthority ca, KeyStore runtimeRoots, Path system, Path inherited)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        if (system != null) {
            append(pem, Files.readAllBytes(system));
        } else {
            for (String alias : Collections.list(runtimeRoots.aliases())) {
                append(pem, pem(runtimeRoots.getCertificate(alias)));
            }
        }
        if (inherited != null && !inherited.equals(system)) {
            append(pem, Files.readAllBytes(inherited));
        }
        append(pem, pem(ca.certificate()));
        return pem.toByteArray();
    }

    private static void append(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(bytes);
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            out.write('\n');
        }
    }

    private static byte[] pem(Certificate certificate) throws GeneralSecurityException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    Path bundle() {
        return directory.resolve(BUNDLE);
    }

    Path trustStore() {
        return directory.resolve(TRUST_STORE);
    }
}
