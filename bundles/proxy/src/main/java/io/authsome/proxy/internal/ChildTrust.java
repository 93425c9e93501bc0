package io.authsome.proxy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trust files of one run's child, in a private temporary directory removed by
 * {@link #close()}: a PEM bundle of the system's root certificates plus the proxy CA (for curl,
 * OpenSSL, Python, Node, Git and Deno), and a Java trust store of the runtime's roots plus the
 * proxy CA (for JVM children).
 */
final class ChildTrust implements AutoCloseable {
    /** The password of the Java trust store; it protects nothing secret, Java only wants one. */
    static final String TRUST_STORE_PASSWORD = "changeit";
    private static final List<Path> SYSTEM_BUNDLES = Stream.of("/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem").map(Path::of).toList();

    private final Path directory;
    private final Path bundle;
    private final Path trustStore;

    private ChildTrust(Path directory) {
        this.directory = directory;
        this.bundle = directory.resolve("ca-bundle.pem");
        this.trustStore = directory.resolve("truststore.jks");
    }

    /**
     * Writes the files for a child that must trust {@code ca}, keeping what the child trusted
     * before: the certificates in {@code inheritedBundle} (the caller's {@code SSL_CERT_FILE}) when
     * it names a readable file.
     */
    static ChildTrust create(CertificateAuthority ca, String inheritedBundle) throws IOException, GeneralSecurityException {
        Path directory = Files.createTempDirectory("authsome-run-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ChildTrust trust = new ChildTrust(directory);
        try {
            KeyStore roots = TrustStores.runtimeRoots();
            Path inherited = inheritedBundle == null || inheritedBundle.isBlank() ? null : Path.of(inheritedBundle);
            if (inherited != null && !Files.isReadable(inherited)) {
                inherited = null;
            }
            trust.writeBundle(ca, roots, inherited);
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
            try (OutputStream out = Files.newOutputStream(trust.trustStore)) {
                jks.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            return trust;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            trust.close();
            throw e;
        }
    }

    private void writeBundle(CertificateAuthority ca, KeyStore runtimeRoots, Path inherited)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        Path system = SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst().orElse(null);
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
        Files.write(bundle, pem.toByteArray());
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
        return bundle;
    }

    Path trustStore() {
        return trustStore;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Best effort: the directory is private and in the temporary directory.
        }
    }
}
