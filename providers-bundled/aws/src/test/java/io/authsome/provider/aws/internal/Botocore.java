package io.authsome.provider.aws.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python that imports botocore, the AWS SDK for Python's core: {@code python3} on the path,
 * else Debian's {@code /usr/bin/python3} (package {@code python3-botocore}, which {@code .ci/run}
 * installs when missing).
 */
final class Botocore {
    private Botocore() {
    }

    /** The interpreter, or an assertion error that says what to install. */
    static String python() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import botocore").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no python3 that imports botocore: install Debian's python3-botocore (.ci/run does)");
    }

    /** A script of the test resources. */
    static Path script(String name) {
        return Path.of("src/test/resources", name).toAbsolutePath();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
