package io.authsome.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTPS stand-in for AWS ({@code src/test/resources/aws/sigv4_upstream.py}) that
 * checks every request's SigV4 signature with botocore, for the host names of {@code ca}'s
 * server certificate. Needs a Python that imports botocore: {@code python3}, else Debian's
 * {@code /usr/bin/python3} (package {@code python3-botocore}, which {@code .ci/run} installs).
 */
final class AwsUpstream implements AutoCloseable {
    private static final Path SCRIPT = Path.of("src/test/resources/aws/sigv4_upstream.py").toAbsolutePath();
    private final Process process;
    private final int port;

    private AwsUpstream(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** One AWS key the upstream knows: {@code sessionToken} may be {@code null}. */
    record Key(String accessKeyId, String secretAccessKey, String sessionToken) {
        String json() {
            return "{\"access_key_id\": \"" + accessKeyId + "\", \"secret_access_key\": \"" + secretAccessKey
                    + "\", \"session_token\": " + (sessionToken == null ? "null" : "\"" + sessionToken + "\"") + "}";
        }
    }

    /**
     * Starts the upstream in {@code dir} (its configuration file, private, holds the keys: they
     * never go on a command line).
     *
     * @param skewedHosts hosts whose server clock runs {@code skewSeconds} ahead of this machine's
     */
    static AwsUpstream start(TestCa ca, Path dir, List<Key> keys, List<String> skewedHosts, int skewSeconds)
            throws Exception {
        Files.createDirectories(dir);
        Path chain = dir.resolve("upstream-chain.pem");
        Path key = dir.resolve("upstream-key.pem");
        ca.writeServerPem(chain, key);
        Path config = dir.resolve("upstream.json");
        Files.writeString(config, "{\"cert\": \"" + chain + "\", \"key\": \"" + key + "\", \"keys\": ["
                + String.join(", ", keys.stream().map(Key::json).toList()) + "], \"skewed_hosts\": ["
                + String.join(", ", skewedHosts.stream().map(host -> "\"" + host + "\"").toList())
                + "], \"skew_seconds\": " + skewSeconds + "}");
        Process process = new ProcessBuilder(python(), SCRIPT.toString(), config.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("upstream.log").toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("port ")) {
            process.destroyForcibly();
            throw new AssertionError("the AWS upstream did not start: " + Files.readString(dir.resolve("upstream.log")));
        }
        return new AwsUpstream(process, Integer.parseInt(line.substring(5).strip()));
    }

    int port() {
        return port;
    }

    /** A Python that imports botocore. */
    static String python() throws IOException, InterruptedException {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import botocore").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next one
            }
        }
        throw new AssertionError("no python3 that imports botocore: install Debian's python3-botocore (.ci/run does)");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
