package io.authsome.oauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PkceTest {
    @Test
    void challengeIsTheS256OfTheVerifier() {
        // RFC 7636, appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void eachRequestIsFreshAndNeverPrinted() {
        Pkce one = Pkce.generate();
        Pkce two = Pkce.generate();
        assertNotEquals(one.verifier(), two.verifier());
        assertNotEquals(one.state(), two.state());
        assertEquals(43, one.verifier().length());
        assertFalse(one.toString().contains(one.verifier()));
    }
}
