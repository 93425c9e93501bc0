package io.authsome.client.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a browser can really open: the platform opener alone is not enough. */
class BrowserTest {
    @Test
    void browserIsTakenWhereverItIsSetOverSshToo() {
        assertEquals(Optional.of(List.of("firefox", "--new-window")),
                Browser.command(Map.of("BROWSER", " firefox  --new-window ", "SSH_CONNECTION", "192.0.2.1 1 192.0.2.2 22")));
    }

    @Test
    void withoutAGraphicalSessionNoBrowserIsOpened() {
        assertTrue(Browser.command(Map.of()).isEmpty() || System.getProperty("os.name").startsWith("Mac"));
        assertTrue(Browser.command(Map.of("TERM", "xterm")).isEmpty() || System.getProperty("os.name").startsWith("Mac"));
    }

    @Test
    void overSshTheDesktopOpenerIsNotUsedEvenWithAForwardedDisplay() {
        assertTrue(Browser.command(Map.of("DISPLAY", "localhost:10.0", "SSH_CONNECTION", "192.0.2.1 1 192.0.2.2 22"))
                .isEmpty());
        assertTrue(Browser.command(Map.of("WAYLAND_DISPLAY", "wayland-0", "SSH_TTY", "/dev/pts/3")).isEmpty());
    }
}
