package io.authsome.runtime.testplugin;

import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.InvalidFieldException;
import io.authsome.api.plugin.OutgoingRequest;
import java.util.List;
import java.util.Map;

/**
 * A request-signing plugin for the end-to-end tests, in the shape of AWS SigV4's fields: a key id,
 * a secret, an optional session token, a region, and an optional key file. It runs in the tested
 * runtime, from a drop-in bundle that {@code PluginProvidersIT} builds. It signs with a header
 * naming the key id, and throws on a path that starts with {@code /throw}.
 */
public final class TestSigner implements CredentialInjector {
    /** Its plugin id. */
    public static final String ID = "test-signer";

    @Override
    public List<CredentialField> fields() {
        return List.of(CredentialField.text("key_id", "Key id", "TESTSIG_KEY_ID"),
                CredentialField.secret("secret", "Secret", "TESTSIG_SECRET"),
                CredentialField.secret("session", "Session token", "TESTSIG_SESSION").asOptional(),
                CredentialField.text("region", "Region", "TESTSIG_REGION"),
                CredentialField.secretFile("key_file", "Key file").asOptional());
    }

    @Override
    public Map<String, String> check(ConnectionFields values) throws InvalidFieldException {
        if (values.require("secret").length() < 8) {
            throw new InvalidFieldException("secret", "is shorter than 8 characters");
        }
        if (values.get("key_file").filter(key -> !key.startsWith("-----BEGIN")).isPresent()) {
            throw new InvalidFieldException("key_file", "is not a PEM file");
        }
        return Map.of("account", "acct-" + values.require("key_id"));
    }

    @Override
    public boolean needsPayloadHash(OutgoingRequest request) {
        return false;
    }

    @Override
    public void inject(OutgoingRequest request, ConnectionFields fields) {
        if (request.rawPath().startsWith("/throw")) {
            throw new IllegalStateException("the test signer fails on " + request.rawPath() + " as asked");
        }
        request.setHeader("X-Test-Signer", fields.require("key_id"));
    }
}
