package io.authsome.api.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "LocalHost", "127.0.0.1", "127.1.2.3", "127.255.255.255",
            "[::1]", "::1"})
    void loopbackHostsAreLoopback(String host) {
        assertTrue(Loopback.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "128.0.0.1", "10.0.0.1", "0.0.0.0", "192.168.1.1",
            "localhost.evil.com", "evil-localhost", "127.0.0.1.evil.com", "x127.0.0.1", "127.0.0", "[::2]", "::",
            "", "1127.0.0.1"})
    void otherHostsAreNotLoopback(String host) {
        assertFalse(Loopback.isLoopback(host), host);
    }

    @Test
    void nullIsNotLoopback() {
        assertFalse(Loopback.isLoopback(null));
    }
}
