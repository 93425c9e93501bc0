package io.authsome.oauth.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Config;
import io.authsome.api.credential.Placeholder;
import io.authsome.api.login.LoginFailure;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.login.LoginRequest;
import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.CredentialPlugin;
import io.authsome.api.plugin.InvalidFieldException;
import io.authsome.api.plugin.MintContext;
import io.authsome.api.plugin.MintException;
import io.authsome.api.plugin.MintedToken;
import io.authsome.api.plugin.OutgoingRequest;
import io.authsome.api.plugin.TokenMinter;
import io.authsome.api.provider.ApiKeySettings;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Flow;
import io.authsome.api.provider.HeaderInjection;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderSource;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.Secret;
import io.authsome.common.plugin.RuntimeMintContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fields} flow with fake plugins: the answers come from the invocation's environment
 * or its input, never argv; file fields are read against the invocation's working directory; the
 * plugin's check and a minter's first mint (against a token endpoint on loopback) decide whether
 * anything is returned.
 */
class FieldsFlowTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nAbCd==\n"
            + "-----END PRIVATE KEY-----\n";

    @TempDir
    Path directory;

    private final Deque<String> input = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    /** The prompts that may show what is typed: those of fields that are not secret. */
    private final List<String> shown = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    // ------------------------------------------------------------------ an injector (request signing)

    @Test
    void eachFieldIsAskedInOrderAndStoredAsSecretOrAttribute() throws Exception {
        input.addAll(List.of("AKIAEXAMPLE", SECRET, "", "eu-west-1"));
        FieldsFlow flow = flowWith(new Signer());

        Connection connection = flow.login(request(signing(), List.of("s3"), "https://example.test"));

        assertEquals(List.of("AWS Access key id: ", "AWS Secret access key: ",
                "AWS Session token (optional, empty for none): ", "AWS Region: "), asked);
        assertEquals(List.of("AWS Access key id: ", "AWS Region: "), shown, "only secrets are asked masked");
        assertEquals(SECRET, connection.secrets().get("secret_access_key").reveal());
        assertEquals(List.of("secret_access_key"), List.copyOf(connection.secrets().keySet()));
        assertEquals("AKIAEXAMPLE", connection.attributes().get("access_key_id"));
        assertEquals("eu-west-1", connection.attributes().get("region"));
        assertEquals("123456789012", connection.attributes().get("account"), "what the check found is kept");
        assertEquals("access_key_id,secret_access_key,region", connection.attributes().get(FieldsFlow.FIELDS));
        assertEquals("input", connection.attributes().get("source"));
        assertEquals("https://example.test", connection.attributes().get(RuntimeMintContext.BASE_URL));
        assertEquals("s3", connection.attributes().get(RuntimeMintContext.REQUESTED_SCOPES));
        assertNull(connection.expiresAt());
        assertFalse(connection.renewable());
        assertFalse(connection.attributes().containsValue(SECRET));
        assertFalse(connection.toString().contains(SECRET));
    }

    @Test
    void theEnvironmentOfTheInvocationGivesValuesExceptThePlaceholder() throws Exception {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAFROMENV");
        environment.put("AWS_SECRET_ACCESS_KEY", " " + SECRET + "\n");
        environment.put("AWS_SESSION_TOKEN", Placeholder.VALUE);
        environment.put("AWS_REGION", "");
        environment.put("AWS_DEFAULT_REGION", "us-east-2");
        FieldsFlow flow = flowWith(new Signer());

        Connection connection = flow.login(request(signing(), List.of(), null));

        assertEquals(List.of("AWS Session token (optional, empty for none): "), asked, "the placeholder is no value");
        assertEquals(SECRET, connection.secrets().get("secret_access_key").reveal());
        assertEquals("AKIAFROMENV", connection.attributes().get("access_key_id"));
        assertEquals("us-east-2", connection.attributes().get("region"), "the second variable when the first is empty");
        assertEquals("env:AWS_ACCESS_KEY_ID,env:AWS_SECRET_ACCESS_KEY,env:AWS_DEFAULT_REGION",
                connection.attributes().get("source"));
        assertFalse(connection.attributes().containsKey(RuntimeMintContext.BASE_URL));
    }

    @Test
    void anOptionalFieldGivenIsStoredAsASecret() throws Exception {
        input.addAll(List.of("AKIAEXAMPLE", SECRET, "session-token-value", "eu-west-1"));

        Connection connection = flowWith(new Signer()).login(request(signing(), List.of(), null));

        assertEquals("session-token-value", connection.secrets().get("session_token").reveal());
        assertEquals("access_key_id,secret_access_key,session_token,region",
                connection.attributes().get(FieldsFlow.FIELDS));
    }

    @Test
    void aMissingRequiredFieldFailsWithTheWaysToGiveIt() {
        input.add("AKIAEXAMPLE");

        LoginFailure failure = assertThrows(LoginFailure.class,
                () -> flowWith(new Signer()).login(request(signing(), List.of(), null)));

        assertEquals(ErrorCode.AUTHENTICATION_FAILED, failure.code());
        assertEquals(LoginFailure.Reason.NO_KEY, failure.reason());
        assertTrue(failure.getMessage().contains("no Secret access key given for aws"), failure.getMessage());
        assertTrue(failure.nextStep().contains("set AWS_SECRET_ACCESS_KEY"), failure.nextStep());
    }

    @Test
    void aControlCharacterInATextFieldIsRefused() {
        environment.put("AWS_ACCESS_KEY_ID", "AKIA\u0007EXAMPLE");

        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> flowWith(new Signer()).login(request(signing(), List.of(), null)));

        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("Access key id contains a control character"), e.getMessage());
        assertTrue(e.getMessage().contains("position 5"), e.getMessage());
    }

    @Test
    void theChecksRefusalNamesTheFieldAndNotTheValue() {
        input.addAll(List.of("AKIAEXAMPLE", "short", "", "eu-west-1"));

        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> flowWith(new Signer()).login(request(signing(), List.of(), null)));

        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertEquals("Secret access key (secret_access_key): is 40 characters long; nothing was stored", e.getMessage());
    }

    @Test
    void aPluginThatIsNotRunningFailsWithNotAllowed() {
        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> flowWith(null).login(request(signing(), List.of(), null)));

        assertEquals(ErrorCode.NOT_ALLOWED, e.code());
        assertEquals(4, e.code().exitCode());
        assertTrue(e.getMessage().contains("needs the plugin 'test-sigv4'"), e.getMessage());
        assertEquals(List.of(), asked, "nothing is asked for a login that cannot complete");
    }

    @Test
    void aPluginsBugFailsTheLoginWithoutItsMessage() {
        input.addAll(List.of("AKIAEXAMPLE", SECRET, "", "eu-west-1"));
        Signer broken = new Signer() {
            @Override
            public Map<String, String> check(ConnectionFields values) {
                throw new IllegalStateException("bad " + values.require("secret_access_key"));
            }
        };

        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> flowWith(broken).login(request(signing(), List.of(), null)));

        assertEquals(ErrorCode.UNEXPECTED, e.code());
        assertFalse(e.getMessage().contains(SECRET));
        assertTrue(e.getMessage().contains("IllegalStateException"), e.getMessage());
    }

    @Test
    void aPluginFieldNamedLikeTheConnectionsOwnAttributesIsThePluginsBug() {
        Signer clashing = new Signer() {
            @Override
            public List<CredentialField> fields() {
                return List.of(CredentialField.text("source", "Source"));
            }
        };

        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> flowWith(clashing).login(request(signing(), List.of(), null)));

        assertEquals(ErrorCode.UNEXPECTED, e.code());
        assertTrue(e.getMessage().contains("declares a field 'source', a name a connection keeps for itself"),
                e.getMessage());
        assertEquals(List.of(), asked);
    }

    // ------------------------------------------------------------------ a minter (key file), on loopback

    @Test
    void aMintersFirstTokenIsStoredWithItsExpiry() throws Exception {
        Path key = Files.writeString(directory.resolve("app.pem"), PEM);
        input.addAll(List.of("4242", "app.pem"));
        Minter minter = new Minter(tokenEndpoint());

        Instant before = Instant.now();
        Connection connection = flowWith(minter).login(request(minting(), List.of("contents:read"), null));

        assertEquals(PEM, connection.secrets().get("private_key").reveal());
        assertEquals("4242", connection.attributes().get("app_id"));
        assertEquals("ghs_minted_for_4242", connection.secrets().get(Connection.ACCESS_TOKEN).reveal());
        assertEquals("test-app", connection.attributes().get(Connection.MINTED_BY));
        assertEquals("contents:read", connection.attributes().get("scopes"));
        assertNotNull(connection.attributes().get(Connection.ISSUED_AT));
        assertTrue(connection.expiresAt().isAfter(before.plusSeconds(3500)), connection.expiresAt().toString());
        assertTrue(connection.renewable());
        assertEquals(List.of("contents:read"), minter.scopes, "the mint sees the scopes asked for");
        assertTrue(Files.exists(key));
    }

    @Test
    void aKeyMayComeInlineOnStandardInputAsAPemBlockOrAJsonObject() throws Exception {
        input.addAll(List.of("4242"));
        PEM.lines().forEach(input::add);
        Connection pem = flowWith(new Minter(tokenEndpoint())).login(request(minting(), List.of(), null));
        assertEquals(PEM, pem.secrets().get("private_key").reveal());

        String json = "{\n  \"type\": \"service_account\",\n  \"note\": \"a } in a string\",\n"
                + "  \"nested\": {\"a\": 1}\n}";
        input.add("4242");
        json.lines().forEach(input::add);
        input.add("left for the next read");
        Connection object = flowWith(new Minter(tokenEndpoint())).login(request(minting(), List.of(), null));
        assertEquals(json + "\n", object.secrets().get("private_key").reveal());
        assertEquals(List.of("left for the next read"), List.copyOf(input), "nothing past the closing brace is read");
    }

    @Test
    void aPemBlockCutShortIsRefused() {
        input.addAll(List.of("4242", "-----BEGIN PRIVATE KEY-----", "MIIEvQIBADANBg"));

        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> flowWith(new Minter(URI.create("http://127.0.0.1:9/"))).login(request(minting(), List.of(), null)));

        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("before its -----END PRIVATE KEY----- line"), e.getMessage());
    }

    @Test
    void keyFileProblemsAreNamedClearly() throws Exception {
        Files.write(directory.resolve("binary.der"), new byte[] {0x30, (byte) 0x82, (byte) 0xff, (byte) 0xfe});
        Files.write(directory.resolve("huge.pem"), new byte[KeyFile.MAX_BYTES + 1]);
        Path locked = Files.writeString(directory.resolve("locked.pem"), PEM);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("missing.pem", "there is no file " + directory.resolve("missing.pem"));
        expected.put("binary.der", "is not UTF-8 text");
        expected.put("huge.pem", "is larger than 64 KiB");
        expected.put(directory.toString(), "is a directory");
        if (!Files.isReadable(locked)) { // root reads anything
            expected.put("locked.pem", "permission denied");
        }
        for (Map.Entry<String, String> each : expected.entrySet()) {
            input.clear();
            input.addAll(List.of("4242", each.getKey()));
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> flowWith(
                    new Minter(URI.create("http://127.0.0.1:9/"))).login(request(minting(), List.of(), null)));
            assertEquals(ErrorCode.INVALID_INPUT, e.code(), each.getKey());
            assertTrue(e.getMessage().startsWith("Private key file: "), e.getMessage());
            assertTrue(e.getMessage().contains(each.getValue()), e.getMessage());
        }
    }

    @Test
    void theKeyFilePathMayComeFromTheEnvironmentAndStartWithTheHomeDirectory() throws Exception {
        Files.writeString(directory.resolve("app.pem"), PEM);
        environment.put("HOME", directory.toString());
        environment.put("TEST_APP_KEY_FILE", "~/app.pem");
        input.add("4242");

        Connection connection = flowWith(new Minter(tokenEndpoint())).login(request(minting(), List.of(), null));

        assertEquals(PEM, connection.secrets().get("private_key").reveal());
        assertEquals("input,env:TEST_APP_KEY_FILE", connection.attributes().get("source"));
    }

    @Test
    void aRejectedMintFailsWithExitTwoAndAnUnreachableOneWithExitEight() throws Exception {
        Files.writeString(directory.resolve("app.pem"), PEM);
        input.addAll(List.of("9999", "app.pem"));
        LoginFailure rejected = assertThrows(LoginFailure.class,
                () -> flowWith(new Minter(tokenEndpoint())).login(request(minting(), List.of(), null)));
        assertEquals(2, rejected.code().exitCode());
        assertEquals(LoginFailure.Reason.PROVIDER_REFUSED, rejected.reason());
        assertTrue(rejected.getMessage().contains("401"), rejected.getMessage());

        input.addAll(List.of("4242", "app.pem"));
        URI closed = tokenEndpoint();
        server.stop(0);
        server = null;
        LoginFailure unreachable = assertThrows(LoginFailure.class,
                () -> flowWith(new Minter(closed)).login(request(minting(), List.of(), null)));
        assertEquals(8, unreachable.code().exitCode());
        assertEquals(LoginFailure.Reason.ENDPOINT_UNREACHABLE, unreachable.reason());
        assertFalse(unreachable.getMessage().contains("MIIE"), unreachable.getMessage());
    }

    @Test
    void aRelativePathNeedsAWorkingDirectory() {
        input.addAll(List.of("4242", "app.pem"));
        FieldsFlow flow = flowWith(new Minter(URI.create("http://127.0.0.1:9/")));

        AuthsomeException e = assertThrows(AuthsomeException.class,
                () -> flow.login(request(minting(), List.of(), null, Optional.empty())));

        assertTrue(e.getMessage().contains("give an absolute path"), e.getMessage());
    }

    // ------------------------------------------------------------------ fixtures

    private FieldsFlow flowWith(CredentialPlugin plugin) {
        FieldsFlow flow = new FieldsFlow(() -> Config.DEFAULTS);
        if (plugin instanceof TokenMinter minter) {
            flow.addMinter(minter, Map.of(CredentialPlugin.ID, "test-app"));
        } else if (plugin instanceof CredentialInjector injector) {
            flow.addInjector(injector, Map.of(CredentialPlugin.ID, "test-sigv4"));
        }
        return flow;
    }

    private static Provider signing() {
        return provider("aws", "AWS", "test-sigv4");
    }

    private static Provider minting() {
        return provider("gh-app", "GitHub App", "test-app");
    }

    private static Provider provider(String name, String displayName, String injector) {
        return new Provider(new ProviderDefinition(1, name, displayName, AuthType.PLUGIN, Flow.FIELDS, List.of(),
                List.of(), HeaderInjection.BEARER, null, new ApiKeySettings(null, null, null), Map.of(), null, Map.of(),
                injector), ProviderSource.CUSTOM, "test");
    }

    private LoginRequest request(Provider provider, List<String> scopes, String baseUrl) {
        return request(provider, scopes, baseUrl, Optional.of(directory));
    }

    private LoginRequest request(Provider provider, List<String> scopes, String baseUrl, Optional<Path> cwd) {
        return new LoginRequest(provider, "default", "default", scopes, baseUrl, null, true, Duration.ofSeconds(5),
                new ScriptedInteraction(cwd));
    }

    /** Answers from {@link #input}, line by line, as standard input that is not a terminal does. */
    private final class ScriptedInteraction implements LoginInteraction {
        private final Optional<Path> cwd;

        ScriptedInteraction(Optional<Path> cwd) {
            this.cwd = cwd;
        }

        @Override
        public Optional<Secret> askSecret(String prompt, boolean browserForm) {
            if (!prompt.isEmpty()) { // the continuation lines of an inline key are read without a prompt
                asked.add(prompt);
            }
            String line = input.poll();
            return line == null || line.isEmpty() ? Optional.empty() : Optional.of(Secret.of(line));
        }

        @Override
        public Optional<String> ask(String prompt, boolean browserForm) {
            shown.add(prompt);
            return askSecret(prompt, browserForm).map(Secret::reveal);
        }

        @Override
        public Map<String, String> environment() {
            return Map.copyOf(environment);
        }

        @Override
        public Optional<Path> workingDirectory() {
            return cwd;
        }

        @Override
        public boolean verbose() {
            return false;
        }

        @Override
        public Optional<OpenedBrowser> visit(String event, String url, String userCode, String browserUrl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean attended() {
            return false;
        }

        @Override
        public void tell(String text) {
        }

        @Override
        public Waiting waiting(String waitingFor, String description, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void trace(String line) {
        }

        @Override
        public Optional<Secret> secretVariable(String name) {
            return Optional.empty();
        }
    }

    /** A token endpoint on loopback: app 4242 gets a token for an hour, any other app a 401. */
    private URI tokenEndpoint() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/token", exchange -> {
                String app = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                byte[] body = ("ghs_minted_for_" + app).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(app.equals("4242") ? 200 : 401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** An injector in the shape of AWS SigV4's fields. */
    private static class Signer implements CredentialInjector {
        @Override
        public List<CredentialField> fields() {
            return List.of(CredentialField.text("access_key_id", "Access key id", "AWS_ACCESS_KEY_ID"),
                    CredentialField.secret("secret_access_key", "Secret access key", "AWS_SECRET_ACCESS_KEY"),
                    CredentialField.secret("session_token", "Session token", "AWS_SESSION_TOKEN").asOptional(),
                    CredentialField.text("region", "Region", "AWS_REGION", "AWS_DEFAULT_REGION"));
        }

        @Override
        public Map<String, String> check(ConnectionFields values) throws InvalidFieldException {
            if (values.require("secret_access_key").length() != 40) {
                throw new InvalidFieldException("secret_access_key", "is 40 characters long");
            }
            return Map.of("account", "123456789012", "source", "not taken: the connection's own");
        }

        @Override
        public boolean needsPayloadHash(OutgoingRequest request) {
            return false;
        }

        @Override
        public void inject(OutgoingRequest request, ConnectionFields fields) {
            throw new UnsupportedOperationException();
        }
    }

    /** A minter in the shape of a GitHub App's: an app id and a private key file. */
    private static final class Minter implements TokenMinter {
        private final URI endpoint;
        private List<String> scopes;

        Minter(URI endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public List<CredentialField> fields() {
            return List.of(CredentialField.text("app_id", "App id"),
                    CredentialField.secretFile("private_key", "Private key file", "TEST_APP_KEY_FILE"));
        }

        @Override
        public Map<String, String> check(ConnectionFields values) throws InvalidFieldException {
            String key = values.require("private_key");
            if (!key.startsWith("-----BEGIN") && !key.startsWith("{")) {
                throw new InvalidFieldException("private_key", "is not a PEM key");
            }
            return Map.of();
        }

        @Override
        public MintedToken mint(ConnectionFields fields, MintContext context) throws MintException {
            scopes = context.scopes();
            try {
                HttpResponse<String> response = context.http().send(HttpRequest.newBuilder(endpoint)
                        .timeout(context.timeout())
                        .POST(HttpRequest.BodyPublishers.ofString(fields.require("app_id"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new MintException(true, "http_" + response.statusCode(), endpoint + " answered "
                            + response.statusCode());
                }
                return new MintedToken(Secret.of(response.body()), Instant.now().plusSeconds(3600),
                        scopes.isEmpty() ? null : String.join(" ", scopes));
            } catch (IOException e) {
                throw new MintException(false, "unreachable", endpoint + " could not be reached: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MintException(false, "interrupted", "interrupted");
            }
        }
    }
}
