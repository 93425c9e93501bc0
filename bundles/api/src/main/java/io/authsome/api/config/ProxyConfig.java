package io.authsome.api.config;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code proxy} section: the credential-injecting proxy of {@code run}.
 *
 * @param upstreamCaFile {@code proxy.upstream_ca_file}: a PEM file of certificates trusted upstream
 *                       besides the Java runtime's roots, as written in the file; {@code null} when
 *                       not set
 * @param resolve        {@code proxy.resolve}: host name to address pins for upstream connections,
 *                       in file order (the string members only); empty when not set
 * @param unconnected    {@code proxy.unconnected}: what the proxy does with a request whose credential
 *                       is unusable (default {@link Unconnected#ANSWER}); a string other than
 *                       {@code answer} or {@code pass} stops {@code run}
 * @param http2          {@code proxy.http2}: whether the proxy speaks HTTP/2, to clients that offer it
 *                       and to API hosts that choose it (default {@code true}); a value other than
 *                       {@code true} or {@code false} stops {@code run}
 * @since 1.0
 */
public record ProxyConfig(String upstreamCaFile, Map<String, String> resolve, Setting<Unconnected> unconnected,
                          Setting<Boolean> http2) {
    /** The defaults. */
    public static final ProxyConfig DEFAULTS = new ProxyConfig(null, Map.of(), Setting.of(Unconnected.ANSWER));

    public ProxyConfig {
        resolve = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resolve));
        Objects.requireNonNull(unconnected, "unconnected");
        Objects.requireNonNull(http2, "http2");
    }

    /** The settings with {@code proxy.http2} at its default ({@code true}). */
    public ProxyConfig(String upstreamCaFile, Map<String, String> resolve, Setting<Unconnected> unconnected) {
        this(upstreamCaFile, resolve, unconnected, Setting.of(true));
    }

    /** The values of {@code proxy.unconnected} (written in lower case in the file). */
    public enum Unconnected {
        /** The proxy answers a request it has no usable credential for with what to run (the default). */
        ANSWER,
        /** Such a request passes through untouched. */
        PASS
    }
}
