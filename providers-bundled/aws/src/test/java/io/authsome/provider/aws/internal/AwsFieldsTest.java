package io.authsome.provider.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialField;
import io.authsome.api.plugin.InvalidFieldException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsFieldsTest {
    private static final String KEY_ID = BotocoreSignatureTest.KEY_ID;
    private static final String SECRET = BotocoreSignatureTest.SECRET;
    private static final String TOKEN = BotocoreSignatureTest.TOKEN;

    private static Map<String, String> check(String... pairs) throws InvalidFieldException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return AwsFields.check(ConnectionFields.of("aws/default", values));
    }

    /** The refusal of {@code pairs}, which names {@code field} and repeats none of the values. */
    private static InvalidFieldException refused(String field, String... pairs) {
        InvalidFieldException refusal = assertThrows(InvalidFieldException.class, () -> check(pairs));
        assertEquals(field, refusal.field(), refusal.getMessage());
        for (int i = 1; i < pairs.length; i += 2) {
            assertFalse(refusal.getMessage().contains(pairs[i]), "the message repeats a value: " + refusal.getMessage());
        }
        return refusal;
    }

    @Test
    void theFieldsAreAskedInOrderWithTheirVariables() {
        List<CredentialField> fields = new AwsSigV4Injector().fields();
        assertEquals(List.of("access_key_id", "secret_access_key", "session_token", "region"),
                fields.stream().map(CredentialField::name).toList());
        assertEquals(List.of(false, true, true, false), fields.stream().map(CredentialField::secret).toList());
        assertEquals(List.of(false, false, true, true), fields.stream().map(CredentialField::optional).toList());
        assertEquals(List.of("AWS_REGION", "AWS_DEFAULT_REGION"), fields.get(3).env());
    }

    @Test
    void goodKeysPass() throws Exception {
        assertEquals(Map.of(), check("access_key_id", KEY_ID, "secret_access_key", SECRET));
        assertEquals(Map.of(), check("access_key_id", "ASIAZ7Q4EXAMPLETEMP9", "secret_access_key", SECRET,
                "session_token", TOKEN, "region", "eu-west-1"));
    }

    @Test
    void aBadKeyIdIsRefusedWithoutRepeatingIt() {
        assertTrue(refused("access_key_id", "access_key_id", "akiaz7q4example4key2", "secret_access_key", SECRET)
                .getMessage().contains("starts with AKIA"));
        refused("access_key_id", "access_key_id", "AKIA123", "secret_access_key", SECRET);
        refused("access_key_id", "access_key_id", "AIDAZ7Q4EXAMPLE4KEY2", "secret_access_key", SECRET);
        assertTrue(refused("access_key_id", "access_key_id", SECRET, "secret_access_key", KEY_ID)
                .getMessage().contains("looks like a secret access key"));
        refused("access_key_id", "secret_access_key", SECRET);
    }

    @Test
    void swappedOrMalformedSecretsAreRefusedWithoutRepeatingThem() {
        assertTrue(refused("secret_access_key", "access_key_id", KEY_ID, "secret_access_key", KEY_ID)
                .getMessage().contains("looks like an access key ID"));
        refused("secret_access_key", "access_key_id", KEY_ID, "secret_access_key", "has spaces in it and is wrong");
        refused("secret_access_key", "access_key_id", KEY_ID, "secret_access_key", "short");
        refused("secret_access_key", "access_key_id", KEY_ID);
    }

    @Test
    void temporaryCredentialsNeedTheirTokenAndLongTermKeysHaveNone() {
        assertTrue(refused("session_token", "access_key_id", "ASIAZ7Q4EXAMPLETEMP9", "secret_access_key", SECRET)
                .getMessage().contains("AWS_SESSION_TOKEN"));
        refused("session_token", "access_key_id", KEY_ID, "secret_access_key", SECRET, "session_token", TOKEN);
        refused("session_token", "access_key_id", "ASIAZ7Q4EXAMPLETEMP9", "secret_access_key", SECRET,
                "session_token", "not a token at all");
    }

    @Test
    void aRegionMustLookLikeOne() {
        refused("region", "access_key_id", KEY_ID, "secret_access_key", SECRET, "region", "Frankfurt");
        refused("region", "access_key_id", KEY_ID, "secret_access_key", SECRET, "region", "eu-wst");
    }
}
