package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.ProxyConfig;
import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a run's proxy and the daemon's shared proxy are both made of: the home CA, the trust files
 * of their clients, and the connector to API hosts that {@code config.json} ({@code proxy.*}) and
 * the environment ({@code HTTPS_PROXY}, {@code NO_PROXY}) ask for. Each failure names what to fix.
 */
final class ProxySetup {
    /** How long opening a connection to an API host (or to the corporate proxy) may take. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private ProxySetup() {
    }

    /** The CA of the home, made on first use. */
    static CertificateAuthority certificateAuthority(Path directory) throws AuthsomeException {
        try {
            PrivateFiles.ensureDirectory(directory);
            return CertificateAuthority.loadOrCreate(directory);
        } catch (IOException | GeneralSecurityException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot prepare the proxy CA in " + directory + ": "
                    + e.getMessage(), "authsome doctor; if ca.key is damaged: authsome ca regenerate");
        }
    }

    /** The CA bundle and trust store of a client that must trust {@code ca} besides what it trusted ({@code inheritedBundle}). */
    static ChildTrust childTrust(CertificateAuthority ca, Path directory, String inheritedBundle) throws AuthsomeException {
        try {
            return ChildTrust.of(ca, directory, inheritedBundle);
        } catch (IOException | GeneralSecurityException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot write the child's CA bundle in " + directory
                    + ": " + e.getMessage(), "authsome doctor");
        }
    }

    /**
     * Connections to API hosts as {@code settings} ask: pinned by {@code proxy.resolve}, verified
     * with {@code proxy.upstream_ca_file} too, through the proxy of {@code environment}.
     *
     * @param configFile where the settings come from, for the messages
     */
    static UpstreamConnector connector(ProxyConfig settings, Path configFile, Map<String, String> environment)
            throws AuthsomeException {
        return new UpstreamConnector(upstreamProxy(environment), upstreamTls(settings, configFile),
                CONNECT_TIMEOUT_MILLIS, lowerCaseKeys(settings.resolve()), settings.http2().require());
    }

    private static UpstreamProxy upstreamProxy(Map<String, String> environment) throws AuthsomeException {
        try {
            return UpstreamProxy.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            throw new AuthsomeException(ErrorCode.USAGE, e.getMessage(), "fix or unset HTTPS_PROXY");
        }
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> map) {
        Map<String, String> lower = new LinkedHashMap<>();
        map.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static UpstreamTls upstreamTls(ProxyConfig settings, Path configFile) throws AuthsomeException {
        String extra = settings.upstreamCaFile();
        try {
            return UpstreamTls.create(extra == null ? null : Path.of(extra));
        } catch (IOException | GeneralSecurityException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "cannot read proxy.upstream_ca_file " + extra + ": "
                    + e.getMessage(), "fix or remove proxy.upstream_ca_file in " + configFile);
        }
    }
}
