package io.authsome.provider.githubapp.internal;

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
import io.authsome.common.jwt.KeyFormatException;
import io.authsome.common.jwt.RsaPrivateKeys;
import io.authsome.common.mint.MintCall;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Mints the installation access token of a GitHub App: a JWT signed with the App's private key
 * ({@code iss} the App id, valid nine minutes from a minute ago, as GitHub allows for clock
 * drift) is exchanged at {@code POST /app/installations/{id}/access_tokens} of api.github.com,
 * or of {@code <base url>/api/v3} for GitHub Enterprise Server, for a token that lives an hour.
 * GitHub refusing the JWT or not knowing the installation (401, 404) rejects the key material;
 * anything else is tried again on next use. Stateless and thread-safe.
 */
@Component(service = TokenMinter.class, property = CredentialPlugin.ID + "=" + GitHubAppMinter.ID)
public final class GitHubAppMinter implements TokenMinter {
    /** The plugin id that provider definitions name in {@code injector}. */
    public static final String ID = "github-app";
    static final String APP_ID = "app_id";
    static final String INSTALLATION_ID = "installation_id";
    static final String PRIVATE_KEY = "private_key";
    static final String API = "https://api.github.com";

    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,18}");
    private static final List<CredentialField> FIELDS = List.of(
            CredentialField.text(APP_ID, "App ID", "GITHUB_APP_ID"),
            CredentialField.text(INSTALLATION_ID, "Installation ID", "GITHUB_APP_INSTALLATION_ID"),
            CredentialField.secretFile(PRIVATE_KEY, "Private key file (.pem)", "GITHUB_APP_PRIVATE_KEY_PATH"));

    private final Clock clock;

    public GitHubAppMinter() {
        this(Clock.systemUTC());
    }

    GitHubAppMinter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<CredentialField> fields() {
        return FIELDS;
    }

    @Override
    public Map<String, String> check(ConnectionFields values) throws InvalidFieldException {
        number(values, APP_ID, "the App ID is the number on the App's settings page (About: App ID)");
        number(values, INSTALLATION_ID, "the installation ID is the number at the end of the installation's"
                + " settings URL (.../installations/<id>)");
        try {
            RsaPrivateKeys.parse(values.require(PRIVATE_KEY));
        } catch (KeyFormatException e) {
            throw new InvalidFieldException(PRIVATE_KEY, e.getMessage());
        }
        return Map.of();
    }

    @Override
    public MintedToken mint(ConnectionFields fields, MintContext context) throws MintException {
        RSAPrivateKey key;
        try {
            key = RsaPrivateKeys.parse(fields.require(PRIVATE_KEY));
        } catch (KeyFormatException e) {
            throw new MintException(true, "invalid_key", "the private key of " + fields.connection() + ": "
                    + e.getMessage());
        }
        String url = endpoint(context, fields.require(INSTALLATION_ID).strip());
        String jwt = Jwt.rs256(claims(fields.require(APP_ID).strip(), clock.instant()), key);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + jwt);
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        MintCall.Answer answer = MintCall.post(context, url, headers, "application/json", "", "");
        if (!answer.ok()) {
            boolean rejected = answer.status() == 401 || answer.status() == 404;
            throw new MintException(rejected, rejected ? (answer.status() == 401 ? "unauthorized" : "not_found")
                    : "http_" + answer.status(), answer.describe() + (answer.status() == 404
                    ? " (is the App installed there, with this installation ID?)" : ""));
        }
        return token(answer);
    }

    /** The JWT claims: issued a minute ago against clock drift, valid nine minutes (GitHub allows ten). */
    static Map<String, Object> claims(String appId, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", now.getEpochSecond() - 60);
        claims.put("exp", now.getEpochSecond() + 9 * 60);
        claims.put("iss", appId);
        return claims;
    }

    /** The access-token endpoint of the installation, on api.github.com or a GitHub Enterprise Server. */
    static String endpoint(MintContext context, String installationId) {
        String api = context.baseUrl().map(base -> base.replaceAll("/+$", "") + "/api/v3").orElse(API);
        return api + "/app/installations/" + installationId + "/access_tokens";
    }

    private static MintedToken token(MintCall.Answer answer) throws MintException {
        String token = answer.text("token");
        String expiresAt = answer.text("expires_at");
        if (token == null || expiresAt == null) {
            throw new MintException(false, "no_token", answer.url() + " answered " + answer.status()
                    + " without a token and its expires_at");
        }
        try {
            return new MintedToken(Secret.of(token), Instant.parse(expiresAt), null);
        } catch (DateTimeParseException e) {
            throw new MintException(false, "bad_expiry", answer.url() + " answered an expires_at that is not an"
                    + " ISO 8601 instant: " + MintCall.printable(expiresAt));
        }
    }

    private static void number(ConnectionFields values, String field, String hint) throws InvalidFieldException {
        String value = values.require(field).strip();
        if (!NUMBER.matcher(value).matches()) {
            throw new InvalidFieldException(field, "'" + MintCall.printable(value) + "' is not a number: " + hint);
        }
    }
}
