package io.authsome.api.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HeaderInjectionTest {

    @Test
    void bearerIsAuthorizationWithBearerPrefix() {
        assertEquals("Authorization", HeaderInjection.BEARER.name());
        assertEquals("Bearer ", HeaderInjection.BEARER.prefix());
        assertEquals(HeaderFormat.RAW, HeaderInjection.BEARER.format());
        assertEquals("Bearer gho_abc123", HeaderInjection.BEARER.value("gho_abc123"));
    }

    @Test
    void rawFormatWritesPrefixThenCredential() {
        HeaderInjection klaviyo = new HeaderInjection("Authorization", "Klaviyo-API-Key ", HeaderFormat.RAW);
        assertEquals("Klaviyo-API-Key pk_123", klaviyo.value("pk_123"));
    }

    @Test
    void rawFormatWithEmptyPrefixIsTheCredentialAlone() {
        HeaderInjection apiKey = new HeaderInjection("api-key", "", HeaderFormat.RAW);
        assertEquals("SG.secret", apiKey.value("SG.secret"));
    }

    @Test
    void basicFormatIsBase64OfKeyAndColon() {
        HeaderInjection basic = new HeaderInjection("Authorization", "", HeaderFormat.BASIC);
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("sk_live_42:".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, basic.value("sk_live_42"));
        assertEquals("Basic dXNlcjo=", basic.value("user"));
    }

    @Test
    void basicFormatIgnoresThePrefix() {
        HeaderInjection basic = new HeaderInjection("Authorization", "Bearer ", HeaderFormat.BASIC);
        assertEquals("Basic dXNlcjo=", basic.value("user"));
    }

    @Test
    void basicFormatEncodesNonAsciiAsUtf8() {
        HeaderInjection basic = new HeaderInjection("Authorization", "", HeaderFormat.BASIC);
        String decoded = new String(Base64.getDecoder().decode(basic.value("clé").substring("Basic ".length())),
                StandardCharsets.UTF_8);
        assertEquals("clé:", decoded);
    }

    @Test
    void describeShowsThePlaceholderInsteadOfTheCredential() {
        assertEquals("Authorization: Bearer {token}", HeaderInjection.BEARER.describe());
        assertEquals("Authorization: Basic base64({token}:)",
                new HeaderInjection("Authorization", "", HeaderFormat.BASIC).describe());
        assertEquals("X-Api-Key: {token}", new HeaderInjection("X-Api-Key", "", HeaderFormat.RAW).describe());
    }

    @Test
    void nullComponentsAreRejected() {
        assertThrows(NullPointerException.class, () -> new HeaderInjection(null, "", HeaderFormat.RAW));
        assertThrows(NullPointerException.class, () -> new HeaderInjection("X", null, HeaderFormat.RAW));
        assertThrows(NullPointerException.class, () -> new HeaderInjection("X", "", null));
    }
}
