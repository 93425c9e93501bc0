package io.authsome.api.provider;

import java.util.Locale;

/**
 * The hosts that may be reached over plain http: the local machine only. A rule of the provider
 * contract ({@link Route#parse} and the providers' URLs follow it, and so does the proxy).
 */
public interface Loopback {
    /** Whether {@code host} (as in a URL, brackets allowed for IPv6) names the loopback interface. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
