package io.authsome.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for a test to write into {@code callback.port} and bind later, in another process.
 * <p>
 * A port the kernel hands out ({@code new ServerSocket(0)}) comes from the ephemeral range, where
 * any outgoing connection of any process may take it again before authsome binds it. These ports
 * are picked below that range (Linux starts it at 32768), where only an explicit bind lands.
 */
final class FreePorts {
    private static final int FIRST = 20000;
    private static final int LAST = 32000;

    private FreePorts() {
    }

    /** A loopback port nobody listens on, outside the ephemeral range. */
    static int loopback() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try (ServerSocket probe = new ServerSocket(port, 50, loopback)) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // someone listens there: draw again
            }
        }
        throw new IOException("no free loopback port between " + FIRST + " and " + LAST);
    }
}
