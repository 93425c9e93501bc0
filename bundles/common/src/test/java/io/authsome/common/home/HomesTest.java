package io.authsome.common.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.authsome.api.home.HomeLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HomesTest {
    @Test
    void theLayoutIsThatOfTheProperty() {
        assertEquals(new HomeLayout(Path.of("/tmp/home")), Homes.of("/tmp/home"));
        assertEquals(Path.of("/tmp/home/config.json"), Homes.of("/tmp/home").config());
    }

    @Test
    void aMissingPropertyIsAnErrorOfTheLaunch() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Homes.of(null));
        assertEquals("framework property " + HomeLayout.PROPERTY + " is not set", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Homes.of(" "));
    }
}
