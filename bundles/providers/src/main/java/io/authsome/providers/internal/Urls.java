package io.authsome.providers.internal;

import io.authsome.api.provider.Loopback;
import io.authsome.api.provider.OAuthSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks the endpoint URLs of a definition: well formed, https, or http on loopback only. */
final class Urls {
    private Urls() {
    }

    /**
     * Records a problem for {@code field} when {@code url} is not acceptable.
     *
     * @param baseUrl what {@code {base_url}} stands for; {@code null} when the definition has none
     * @return {@code url} as written, or {@code null} when it is not acceptable
     */
    static String check(JsonFields fields, String field, String url, String baseUrl) {
        String expanded = url;
        if (url.contains(OAuthSettings.BASE_URL_PLACEHOLDER)) {
            if (baseUrl == null) {
                fields.problems().add(fields.field(field), "uses {base_url} but oauth.base_url is not set");
                return null;
            }
            expanded = url.replace(OAuthSettings.BASE_URL_PLACEHOLDER, trimSlash(baseUrl));
        }
        String problem = problemOf(expanded);
        if (problem != null) {
            fields.problems().add(fields.field(field), problem);
            return null;
        }
        return url;
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String problemOf(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a valid URL: " + e.getReason();
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "'" + url + "' is not an absolute URL with a host";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http")) {
            return Loopback.isLoopback(uri.getHost()) ? null
                    : "'" + url + "' must use https: http is allowed only for loopback hosts (127.0.0.1, localhost, [::1])";
        }
        return "'" + url + "' must use https";
    }
}
