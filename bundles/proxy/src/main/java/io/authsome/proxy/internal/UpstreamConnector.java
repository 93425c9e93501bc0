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
    private static final String[] HTTP_11 = {"http/1.1"};
    private final UpstreamProxy proxy;
    private final UpstreamTls tls;
    private final int timeoutMillis;
    private final Map<String, String> addresses;
    private final boolean http2;

    /**
     * @param proxy         the proxy to tunnel through, or {@code null}
     * @param tls           trust for TLS connections
     * @param timeoutMillis connect timeout, and the longest wait for a proxy's answer
     * @param addresses     host names pinned to addresses ({@code proxy.resolve}), connected to
     *                      directly; TLS still checks the certificate against the name
     * @param http2         whether the proxy speaks HTTP/2 ({@code proxy.http2}): to clients that
     *                      offer it, and to API hosts reached directly that choose it
     */
    UpstreamConnector(UpstreamProxy proxy, UpstreamTls tls, int timeoutMillis, Map<String, String> addresses,
                      boolean http2) {
        this.proxy = proxy;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
        this.addresses = Map.copyOf(addresses);
        this.http2 = http2;
    }

    /** Whether the proxy speaks HTTP/2 ({@code proxy.http2}); else HTTP/1.1 only, both ways. */
    boolean http2() {
        return http2;
    }

    /** Whether {@code host} may be reached over HTTP/2: HTTP/2 is on and the host is reached directly. */
    boolean multiplexes(String host) {
        return http2 && direct(host);
    }

    /**
     * A connected socket to {@code host}:{@code port}, TLS when {@code secure} offering
     * {@code protocols} (ALPN; none: HTTP/1.1).
     */
    Socket open(String host, int port, boolean secure, String... protocols) throws IOException {
        Hop hop = hop(host, port);
        Socket socket = hop.connect() == null ? direct(hop.host(), hop.port()) : tunnel(hop);
        try {
            return secure ? tls.connect(socket, host, port, protocols.length == 0 ? HTTP_11 : protocols) : socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Where a connection to an API host goes first.
     *
     * @param host    where to connect
     * @param port    its port
     * @param connect the CONNECT for the corporate proxy (it may carry the proxy's credentials),
     *                or {@code null} when the hop is the API host
     */
    record Hop(String host, int port, HttpHead connect) {
    }

    /**
     * The first hop towards {@code host}:{@code port}: the host itself (at its pinned address,
     * if any), or the corporate proxy, with the CONNECT to send it.
     */
    Hop hop(String host, int port) {
        String pinned = addresses.get(host.toLowerCase(Locale.ROOT));
        if (pinned != null) {
            return new Hop(pinned, port, null);
        }
        if (direct(host)) {
            return new Hop(host, port, null);
        }
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        HttpHead connect = new HttpHead("CONNECT " + authority + " HTTP/1.1");
        connect.add("Host", authority);
        if (proxy.authorization() != null) {
            connect.add("Proxy-Authorization", proxy.authorization());
        }
        return new Hop(proxy.host(), proxy.port(), connect);
    }

    /** Connect timeout, and the longest wait for a proxy's answer. */
    int timeoutMillis() {
        return timeoutMillis;
    }

    /** Checks the corporate proxy's answer ({@code null}: none came) to the CONNECT of {@code hop}. */
    void accepted(Hop hop, HttpHead answer) throws IOException {
        int status = answer == null ? -1 : HttpStatus.of(answer);
        if (status / 100 != 2) {
            throw new UpstreamException("the proxy " + hop.host() + ":" + hop.port() + " refused CONNECT to "
                    + hop.connect().get("Host") + (status == -1 ? " (no answer)" : " with status " + status));
        }
    }

    /**
     * Whether {@code host} is reached directly, not through the corporate proxy. A loopback host
     * is this machine: never through the proxy, which would see the credential (over plain http,
     * loopback routes may carry one) and reach its own loopback.
     */
    boolean direct(String host) {
        return addresses.containsKey(host.toLowerCase(Locale.ROOT)) || proxy == null || proxy.bypasses(host)
                || Loopback.isLoopback(host);
    }

    /**
     * What reaches the API hosts of this way out over HTTP/2, once they are known to speak it;
     * a connection silent for {@code silenceMillis} closes.
     */
    UpstreamH2 http2(long silenceMillis) {
        return new UpstreamH2(tls, addresses, timeoutMillis, silenceMillis);
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

    private Socket tunnel(Hop hop) throws IOException {
        Socket socket = direct(hop.host(), hop.port());
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            hop.connect().writeTo(out);
            out.flush();
            socket.setSoTimeout(timeoutMillis);
            // Unbuffered: nothing past the proxy's answer may be consumed here.
            accepted(hop, HttpHead.read(socket.getInputStream()));
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
