package io.authsome.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void providerSuppliedTextCannotOpenATagOrLeaveAnAttribute() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.text("<script>alert(1)</script>"));
        assertEquals("&quot; onmouseover=&#39;x&#39; &amp;", Html.text("\" onmouseover='x' &"));
    }

    @Test
    void aPageHasNoInlineScriptOrStyle() {
        String page = Html.page("T<", "csrf\"token", "<p>body</p>");
        assertTrue(page.contains("<script src=\"/static/ui.js\" defer></script>"));
        assertFalse(page.contains("style="));
        assertFalse(page.replace("<script src=\"/static/ui.js\" defer></script>", "").contains("<script"));
        assertTrue(page.contains("<title>T&lt; · authsome</title>"));
        assertTrue(page.contains("value=\"csrf&quot;token\""));
    }

    @Test
    void aPageWithoutSessionHasNoSignOutForm() {
        assertFalse(Html.page("Refused", null, "").contains("/signout"));
    }
}
