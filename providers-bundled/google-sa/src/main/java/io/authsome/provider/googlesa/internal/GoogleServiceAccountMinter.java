package io.authsome.provider.googlesa.internal;

import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.plugin.InvalidFieldException;
import io.authsome.api.plugin.MintContext;
import io.authsome.api.plugin.MintException;
import io.authsome.api.plugin.MintedToken;
import io.authsome.api.plugin.TokenMinter;
import io.authsome.api.vault.Secret;
import io.authsome.common.jwt.Jwt;
import io.authsome.common.mint.MintCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Mints the access token of a Google service account from its JSON key file: a JWT assertion
 * (RFC 7523; {@code iss} and {@code sub} the account, {@code aud} the key file's token URI, the
 * connection's scopes, valid an hour) is exchanged at the token URI for an access token of an
 * hour. Google refusing the assertion ({@code invalid_grant}: a deleted or disabled key, a
 * skewed clock) or the client (401) rejects the key file; anything else is tried again on next
 * use. Stateless and thread-safe.
 */
@Component(service = TokenMinter.class, property = CredentialPlugin.ID + "=" + GoogleServiceAccountMinter.ID)
public final class GoogleServiceAccountMinter implements TokenMinter {
    /** The plugin id that provider definitions name in {@code injector}. */
    public static final String ID = "google-sa";
    static final String KEY = "key";
    /** The scope asked for when the login named none: every Cloud API the account's IAM roles allow. */
    static final String DEFAULT_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final long ASSERTION_SECONDS = 3600;

    private static final Set<String> REJECTING_ERRORS = Set.of("invalid_grant", "invalid_client",
            "unauthorized_client", "invalid_scope");
    private static final List<CredentialField> FIELDS = List.of(
            CredentialField.secretFile(KEY, "Service account key file (.json)", "GOOGLE_APPLICATION_CREDENTIALS"));

    private final Clock clock;

    public GoogleServiceAccountMinter() {
        this(Clock.systemUTC());
    }

    GoogleServiceAccountMinter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<CredentialField> fields() {
        return FIELDS;
    }

    /** @return {@code account}: the service account's e-mail */
    @Override
    public Map<String, String> check(ConnectionFields values) throws InvalidFieldException {
        try {
            return Map.of("account", ServiceAccountKey.parse(values.require(KEY)).clientEmail());
        } catch (ServiceAccountKey.InvalidKeyFile e) {
            throw new InvalidFieldException(KEY, e.getMessage());
        }
    }

    @Override
    public MintedToken mint(ConnectionFields fields, MintContext context) throws MintException {
        ServiceAccountKey key;
        try {
            key = ServiceAccountKey.parse(fields.require(KEY));
        } catch (ServiceAccountKey.InvalidKeyFile e) {
            throw new MintException(true, "invalid_key", "the key file of " + fields.connection() + ": "
                    + e.getMessage());
        }
        String scope = context.scopes().isEmpty() ? DEFAULT_SCOPE : String.join(" ", context.scopes());
        Instant now = clock.instant();
        String assertion = Jwt.rs256(claims(key, scope, now), key.privateKey());
        String grant = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8) + "&assertion=";
        MintCall.Answer answer = MintCall.post(context, key.tokenUri(), Map.of("Accept", "application/json"),
                "application/x-www-form-urlencoded", grant + assertion, grant + "[redacted]");
        if (!answer.ok()) {
            String error = answer.text("error");
            boolean rejected = answer.status() == 401 || (answer.status() / 100 == 4 && REJECTING_ERRORS.contains(error));
            throw new MintException(rejected, error != null ? MintCall.printable(error) : "http_" + answer.status(),
                    answer.describe());
        }
        return token(answer, scope, now);
    }

    /** The assertion's claims (RFC 7523 section 3, as Google reads them). */
    static Map<String, Object> claims(ServiceAccountKey key, String scope, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", key.clientEmail());
        claims.put("sub", key.clientEmail());
        claims.put("aud", key.tokenUri());
        claims.put("scope", scope);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + ASSERTION_SECONDS);
        return claims;
    }

    private static MintedToken token(MintCall.Answer answer, String scope, Instant now) throws MintException {
        String token = answer.text("access_token");
        Object expiresIn = answer.json().get("expires_in");
        long seconds = expiresIn instanceof Number number ? number.longValue()
                : expiresIn instanceof String text && text.matches("\\d{1,9}") ? Long.parseLong(text) : -1;
        if (token == null || seconds <= 0) {
            throw new MintException(false, "no_token", answer.url() + " answered " + answer.status()
                    + " without an access_token and its expires_in");
        }
        String granted = answer.text("scope");
        return new MintedToken(Secret.of(token), now.plusSeconds(seconds), granted != null ? granted : scope);
    }
}
