package io.authsome.proxy.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * An API that speaks HTTP/2 and HTTP/1.1, served by Node's own {@code http2} module
 * ({@code h2-api.js}): an implementation independent of the proxy's, with a certificate for
 * {@link TestProxy#API} from the proxy's upstream CA.
 */
final class NodeH2Api implements AutoCloseable {
    private final Process node;
    private final int port;

    private NodeH2Api(Process node, int port) {
        this.node = node;
        this.port = port;
    }

    /** Starts the server for {@code proxy}, its key and certificate in {@code directory}. */
    static NodeH2Api start(TestProxy proxy, Path directory) throws Exception {
        CertificateAuthority ca = proxy.upstreamCa();
        Path key = directory.resolve("key.pem");
        Path cert = directory.resolve("cert.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ca.leafKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(ca.leaf(TestProxy.API).getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path script = Path.of(NodeH2Api.class.getResource("/h2-api.js").toURI());
        Process node = new ProcessBuilder("node", script.toString(), key.toString(), cert.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int port = Integer.parseInt(new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8)).readLine().strip());
        return new NodeH2Api(node, port);
    }

    /** The URL of {@code path} on the server, by the API's name. */
    String url(String path) {
        return "https://" + TestProxy.API + ":" + port + path;
    }

    @Override
    public void close() {
        node.destroy();
    }
}
