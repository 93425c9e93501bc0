package io.authsome.api.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The header that carries a provider's credential on an API request.
 *
 * @param name   header name, e.g. {@code Authorization}
 * @param prefix written before the credential, e.g. {@code "Bearer "}; empty for none
 * @param format how the credential is encoded
 */
public record HeaderInjection(String name, String prefix, HeaderFormat format) {
    /** {@code Authorization: Bearer <token>}, the shape of every OAuth 2.0 provider. */
    public static final HeaderInjection BEARER =
            new HeaderInjection("Authorization", "Bearer ", HeaderFormat.RAW);

    public HeaderInjection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(format, "format");
    }

    /** The header value for {@code credential}. The result is a secret: never log it. */
    public String value(String credential) {
        if (format == HeaderFormat.BASIC) {
            byte[] userPass = (credential + ":").getBytes(StandardCharsets.UTF_8);
            return "Basic " + Base64.getEncoder().encodeToString(userPass);
        }
        return prefix + credential;
    }

    /** How the header looks, with {@code {token}} in place of the credential. */
    public String describe() {
        return name + ": " + (format == HeaderFormat.BASIC ? "Basic base64({token}:)" : prefix + "{token}");
    }
}
