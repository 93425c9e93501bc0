package io.authsome.proxy.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy that authsome itself was told to use ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, lower
 * case first, with {@code NO_PROXY}), through which upstream connections are tunnelled with
 * CONNECT. {@link #toString()} hides the credentials of the proxy URL. Immutable.
 *
 * @param host          the proxy's host
 * @param port          its port
 * @param authorization a {@code Proxy-Authorization} value from the URL's user info, or {@code null}
 * @param noProxy       host suffixes reached directly
 */
record UpstreamProxy(String host, int port, String authorization, List<String> noProxy) {
    /** The proxy configured in {@code env}, or {@code null} for direct connections. */
    static UpstreamProxy fromEnvironment(Map<String, String> env) {
        String url = first(env, "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY");
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.contains("://") ? url : "http://" + url);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("HTTPS_PROXY has no host");
            }
            String authorization = uri.getRawUserInfo() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                    java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            String noProxy = first(env, "no_proxy", "NO_PROXY");
            List<String> hosts = noProxy == null ? List.of() : Arrays.stream(noProxy.split(","))
                    .map(String::trim).filter(entry -> !entry.isEmpty()).map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
            return new UpstreamProxy(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), authorization, hosts);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("HTTPS_PROXY is not a URL: " + e.getReason());
        }
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Whether {@code target} is reached without this proxy ({@code NO_PROXY}: {@code *}, a host or a domain suffix). */
    boolean bypasses(String target) {
        String h = target.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String suffix = entry.startsWith("*.") ? entry.substring(1) : entry;
            if (entry.equals("*") || h.equals(suffix.startsWith(".") ? suffix.substring(1) : suffix)
                    || (suffix.startsWith(".") ? h.endsWith(suffix) : h.endsWith("." + suffix))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "UpstreamProxy[" + host + ":" + port + (authorization == null ? "" : ", with credentials") + "]";
    }
}
