package io.authsome.proxy.internal;

import io.authsome.api.provider.Loopback;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;

/**
 * Opens connections to API hosts: directly, or tunnelled with CONNECT through the proxy authsome
 * itself was given (never for loopback hosts); with TLS verified by {@link UpstreamTls} when asked.
 * Thread-safe.
 */
final class UpstreamConnector {
    private final UpstreamProxy proxy;
    private final UpstreamTls tls;
    private final int timeoutMillis;
    private final Map<String, String> addresses;

    /**
     * @param proxy         the proxy to tunnel through, or {@code null}
     * @param tls           trust for TLS connections
     * @param timeoutMillis connect timeout, and the longest wait for a proxy's answer
     * @param addresses     host names pinned to addresses ({@code proxy.resolve}), connected to
     *                      directly; TLS still checks the certificate against the name
     */
    UpstreamConnector(UpstreamProxy proxy, UpstreamTls tls, int timeoutMillis, Map<String, String> addresses) {
        this.proxy = proxy;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
        this.addresses = Map.copyOf(addresses);
    }

    /** A connected socket to {@code host}:{@code port}, TLS when {@code secure}. */
    Socket open(String host, int port, boolean secure) throws IOException {
        String pinned = addresses.get(host.toLowerCase(Locale.ROOT));
        // A loopback host is this machine: never through the corporate proxy, which would see the
        // credential (over plain http, loopback routes may carry one) and reach its own loopback.
        Socket socket = pinned != null ? direct(pinned, port)
                : proxy == null || proxy.bypasses(host) || Loopback.isLoopback(host) ? direct(host, port)
                : tunnel(host, port);
        try {
            return secure ? tls.connect(socket, host, port) : socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private Socket direct(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private Socket tunnel(String host, int port) throws IOException {
        Socket socket = direct(proxy.host(), proxy.port());
        try {
            String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            HttpHead connect = new HttpHead("CONNECT " + authority + " HTTP/1.1");
            connect.add("Host", authority);
            if (proxy.authorization() != null) {
                connect.add("Proxy-Authorization", proxy.authorization());
            }
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            connect.writeTo(out);
            out.flush();
            socket.setSoTimeout(timeoutMillis);
            // Unbuffered: nothing past the proxy's answer may be consumed here.
            HttpHead answer = HttpHead.read(socket.getInputStream());
            int status = answer == null ? -1 : HttpStatus.of(answer);
            if (status / 100 != 2) {
                throw new UpstreamException("the proxy " + proxy.host() + ":" + proxy.port() + " refused CONNECT to "
                        + authority + (status == -1 ? " (no answer)" : " with status " + status));
            }
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
