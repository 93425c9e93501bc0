package io.authsome.provider.googlesa.internal;

import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.jwt.KeyFormatException;
import io.authsome.common.jwt.RsaPrivateKeys;
import io.authsome.common.mint.MintCall;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a mint needs of a service-account JSON key file, as the Cloud console and
 * {@code gcloud iam service-accounts keys create} write it: the account's e-mail, its RSA
 * private key and the token endpoint. A file of another type (a person's {@code authorized_user}
 * credentials, an {@code external_account} configuration) is refused saying what it is.
 *
 * @param clientEmail the service account, {@code name@project.iam.gserviceaccount.com}
 * @param privateKey  the key that signs the assertions
 * @param tokenUri    where assertions are exchanged for access tokens
 */
record ServiceAccountKey(String clientEmail, RSAPrivateKey privateKey, String tokenUri) {
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + " " + tokenUri + "]";
    }

    /** A key file that cannot serve; the message names what is wrong, never a value of the key. */
    static final class InvalidKeyFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKeyFile(String message) {
            super(message);
        }
    }

    /** Reads a key file's contents. */
    static ServiceAccountKey parse(String contents) throws InvalidKeyFile {
        Map<String, Object> json;
        try {
            json = Json.parseObject(contents.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new InvalidKeyFile("not a JSON key file: " + e.getMessage());
        }
        String type = text(json, "type");
        if (type == null) {
            throw new InvalidKeyFile("the JSON has no \"type\": not a Google key file (a service account key has"
                    + " \"type\": \"service_account\")");
        }
        if (!type.equals("service_account")) {
            throw new InvalidKeyFile(otherType(type));
        }
        String email = text(json, "client_email");
        if (email == null || !email.contains("@")) {
            throw new InvalidKeyFile("the key file has no client_email: a service account key names its account");
        }
        String pem = text(json, "private_key");
        if (pem == null) {
            throw new InvalidKeyFile("the key file has no private_key");
        }
        RSAPrivateKey key;
        try {
            key = RsaPrivateKeys.parse(pem);
        } catch (KeyFormatException e) {
            throw new InvalidKeyFile("its private_key: " + e.getMessage());
        }
        String tokenUri = text(json, "token_uri");
        return new ServiceAccountKey(email, key, tokenUri == null ? DEFAULT_TOKEN_URI : checkedUri(tokenUri));
    }

    private static String otherType(String type) {
        String shown = MintCall.printable(type);
        String what = switch (type) {
            case "authorized_user" -> "an authorized_user file: a person's credentials (what 'gcloud auth"
                    + " application-default login' writes), not a service account key";
            case "external_account", "external_account_authorized_user" -> "an " + shown + " file (workload or"
                    + " workforce identity federation), not a service account key";
            case "impersonated_service_account" -> "an impersonated_service_account file, not a service"
                    + " account key";
            default -> "a key file of type '" + shown + "', not a service account key";
        };
        return what + ": create a JSON key for the service account (IAM & Admin > Service accounts > Keys >"
                + " Add key)";
    }

    /** The token endpoint, https; http only on loopback, for a local test server. */
    private static String checkedUri(String tokenUri) throws InvalidKeyFile {
        URI uri;
        try {
            uri = new URI(tokenUri);
        } catch (URISyntaxException e) {
            throw new InvalidKeyFile("its token_uri '" + MintCall.printable(tokenUri) + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https") && uri.getHost() != null;
        boolean loopback = scheme.equals("http") && uri.getHost() != null
                && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!https && !loopback) {
            throw new InvalidKeyFile("its token_uri '" + MintCall.printable(tokenUri) + "' must be an https URL"
                    + " (http only for 127.0.0.1, localhost and [::1])");
        }
        return tokenUri;
    }

    private static String text(Map<String, Object> json, String name) {
        return json.get(name) instanceof String value && !value.isBlank() ? value : null;
    }
}
