package io.authsome.proxy.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The user name and password of one run's proxy, handed to the child in its proxy URL so that
 * other local processes cannot use the proxy (and the credentials it injects). Immutable;
 * {@link #toString()} hides the password.
 */
final class ProxyCredentials {
    static final String USER = "authsome";

    private final String password;
    private final byte[] expected;

    private ProxyCredentials(String password) {
        this.password = password;
        this.expected = ("Basic " + Base64.getEncoder().encodeToString((USER + ":" + password)
                .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    }

    static ProxyCredentials random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return new ProxyCredentials(HexFormat.of().formatHex(bytes));
    }

    String password() {
        return password;
    }

    /** Whether a {@code Proxy-Authorization} value carries these credentials (constant time). */
    boolean accepts(String proxyAuthorization) {
        return proxyAuthorization != null && MessageDigest.isEqual(expected,
                proxyAuthorization.trim().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ProxyCredentials[" + USER + ":redacted]";
    }
}
