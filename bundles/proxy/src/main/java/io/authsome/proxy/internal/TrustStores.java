package io.authsome.proxy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The Java runtime's root certificates, as a key store that may be added to. */
final class TrustStores {
    private TrustStores() {
    }

    /** A modifiable copy of the runtime's {@code cacerts}; empty when the runtime has none. */
    static KeyStore runtimeRoots() throws IOException, GeneralSecurityException {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        if (!Files.isRegularFile(cacerts)) {
            return roots;
        }
        KeyStore source = KeyStore.getInstance(cacerts.toFile(), "changeit".toCharArray());
        for (String alias : java.util.Collections.list(source.aliases())) {
            if (source.isCertificateEntry(alias)) {
                roots.setCertificateEntry(alias, source.getCertificate(alias));
            }
        }
        return roots;
    }
}
