package io.authsome.provider.aws.internal;

import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.InvalidFieldException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an AWS connection (an access key, the session token of temporary credentials,
 * a default region) and their offline check at login. A message names the field and the rule,
 * never the value given: a secret pasted in the wrong field must not be echoed.
 */
final class AwsFields {
    static final String ACCESS_KEY_ID = "access_key_id";
    static final String SECRET_ACCESS_KEY = "secret_access_key";
    static final String SESSION_TOKEN = "session_token";
    static final String REGION = "region";

    static final List<CredentialField> FIELDS = List.of(
            CredentialField.text(ACCESS_KEY_ID, "Access key ID", "AWS_ACCESS_KEY_ID"),
            CredentialField.secret(SECRET_ACCESS_KEY, "Secret access key", "AWS_SECRET_ACCESS_KEY"),
            CredentialField.secret(SESSION_TOKEN, "Session token (temporary credentials only)", "AWS_SESSION_TOKEN")
                    .asOptional(),
            CredentialField.text(REGION, "Default region", "AWS_REGION", "AWS_DEFAULT_REGION").asOptional());

    private static final String LONG_TERM = "AKIA";
    private static final String TEMPORARY = "ASIA";

    private AwsFields() {
    }

    /** Checks the values of a login; returns nothing to store besides them. */
    static Map<String, String> check(ConnectionFields values) throws InvalidFieldException {
        String keyId = required(values, ACCESS_KEY_ID);
        if (!isKeyId(keyId)) {
            throw new InvalidFieldException(ACCESS_KEY_ID, isBase64(keyId) && keyId.length() == 40
                    ? "this looks like a secret access key; the access key ID is the shorter value that starts with AKIA"
                    : "an access key ID starts with AKIA (an IAM user's key) or ASIA (temporary credentials)"
                      + " and has 16 to 128 capital letters and digits");
        }
        String secret = required(values, SECRET_ACCESS_KEY);
        if (isKeyId(secret)) {
            throw new InvalidFieldException(SECRET_ACCESS_KEY, "this looks like an access key ID; the secret access"
                    + " key is the 40-character value shown once when the key was created");
        }
        if (secret.length() < 16 || secret.length() > 128 || !isBase64(secret)) {
            throw new InvalidFieldException(SECRET_ACCESS_KEY, "a secret access key is 40 characters of letters,"
                    + " digits, + and / (without spaces)");
        }
        Optional<String> token = values.get(SESSION_TOKEN);
        if (keyId.startsWith(TEMPORARY) && token.isEmpty()) {
            throw new InvalidFieldException(SESSION_TOKEN, "temporary credentials (an access key ID that starts with"
                    + " ASIA) need their session token (AWS_SESSION_TOKEN)");
        }
        if (keyId.startsWith(LONG_TERM) && token.isPresent()) {
            throw new InvalidFieldException(SESSION_TOKEN, "a session token goes with temporary credentials, whose"
                    + " access key ID starts with ASIA; this one starts with AKIA (a long-term key): leave it empty");
        }
        if (token.isPresent() && (token.get().length() < 16 || !isBase64(token.get()))) {
            throw new InvalidFieldException(SESSION_TOKEN, "a session token is a long run of letters, digits, +, /"
                    + " and = (without spaces), as AWS STS returned it");
        }
        Optional<String> region = values.get(REGION);
        if (region.isPresent() && !Regions.isRegion(region.get())) {
            throw new InvalidFieldException(REGION, "a region is a name such as us-east-1, eu-west-2 or"
                    + " us-gov-west-1 (lowercase, as AWS lists it)");
        }
        return Map.of();
    }

    private static String required(ConnectionFields values, String field) throws InvalidFieldException {
        return values.get(field).orElseThrow(() -> new InvalidFieldException(field, "is required"));
    }

    /** AKIA or ASIA, then capital letters and digits, 16 to 128 characters in all. */
    static boolean isKeyId(String value) {
        if (value.length() < 16 || value.length() > 128
                || !(value.startsWith(LONG_TERM) || value.startsWith(TEMPORARY))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')
                    && c != '+' && c != '/' && c != '=') {
                return false;
            }
        }
        return true;
    }
}
