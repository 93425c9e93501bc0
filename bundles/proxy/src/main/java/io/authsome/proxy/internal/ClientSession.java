package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * One connection from a client of the proxy. Its first request must be admitted by the proxy's
 * {@link ProxyGate}, which gives the context of each request and is asked again before every later
 * one. A CONNECT to a routed host is intercepted: the proxy answers the TLS handshake as that host
 * and forwards each request inside; a CONNECT to any other host becomes a blind tunnel. Requests
 * in absolute form ({@code GET http://host/path}) are forwarded as they come. The server learns
 * through {@link Activity} when the connection is handling a request and when it waits for the
 * next, so that it can stop without cutting a request short.
 */
final class ClientSession implements Runnable {
    private static final int BUFFER = 32 * 1024;
    private static final byte[] CONNECTION_ESTABLISHED =
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** What the server knows of a connection. */
    interface Activity {
        /** The first request was admitted (the admission deadline ends). */
        void admitted();

        /** A request arrived: whether to handle it ({@code false}: the server stopped and closed the connection). */
        boolean busy();

        /** The request is done: whether to wait for another ({@code false}: the server is stopping). */
        boolean idle();
    }

    private final ProxyContext context;
    private final Socket socket;
    private final Activity activity;

    ClientSession(ProxyContext context, Socket socket, Activity activity) {
        this.context = context;
        this.socket = socket;
        this.activity = activity;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            HttpHead first = HttpHead.read(in);
            if (first == null || !activity.busy()) {
                return;
            }
            ProxyGate.Client client = context.access().admit(first, socket, context);
            ProxyContext admitted = client == null ? null : client.context(first.get("Proxy-Authorization"));
            if (admitted == null) {
                refuse(out);
                return;
            }
            activity.admitted();
            try (UpstreamLink link = new UpstreamLink(admitted.connector())) {
                if (first.firstWord().equals("CONNECT")) {
                    connect(admitted, client, first, in, out, link);
                } else {
                    absoluteForm(admitted, client, first, in, out, link);
                }
            }
        } catch (HttpProtocolException e) {
            // A client that does not speak HTTP/1.1: nothing to forward, the connection just ends.
        } catch (IOException e) {
            // The client or the API host went away; the exchange in progress was audited if it got a status.
        }
    }

    /** 407, and the connection closes. */
    private void refuse(OutputStream out) throws IOException {
        Exchange.respond(out, 407, "Proxy Authentication Required", context.access().refusal(), true);
    }

    private void connect(ProxyContext current, ProxyGate.Client client, HttpHead request, BufferedInputStream in,
                         BufferedOutputStream out, UpstreamLink link) throws IOException {
        String[] parts = request.startLine().split(" ");
        HostPort authority = parts.length == 3 ? HostPort.parse(parts[1], -1) : null;
        if (authority == null || authority.port() < 1) {
            Exchange.respond(out, 400, "Bad Request", "authsome proxy: CONNECT needs host:port", true);
            return;
        }
        if (current.routes().intercepts(authority.host(), authority.port())) {
            intercept(current, client, authority, out, link);
        } else {
            tunnel(current, authority, in, out);
        }
    }

    private void intercept(ProxyContext current, ProxyGate.Client client, HostPort authority, BufferedOutputStream out,
                           UpstreamLink link) throws IOException {
        out.write(CONNECTION_ESTABLISHED);
        out.flush();
        SSLSocket tls;
        try {
            tls = current.intercept().accept(socket, authority.host());
        } catch (GeneralSecurityException | IOException e) {
            current.warnOnce("handshake " + authority.host(), "the client did not accept the proxy's certificate for "
                    + authority.host() + " (" + e.getMessage() + "); it must trust the CA in SSL_CERT_FILE "
                    + "(see 'authsome ca path')");
            return;
        }
        try (tls) {
            BufferedInputStream tlsIn = new BufferedInputStream(tls.getInputStream(), BUFFER);
            BufferedOutputStream tlsOut = new BufferedOutputStream(tls.getOutputStream(), BUFFER);
            if (!activity.idle()) {
                return;
            }
            Exchange exchange = null;
            ProxyContext exchanging = null;
            for (HttpHead request = HttpHead.read(tlsIn); request != null; request = HttpHead.read(tlsIn)) {
                if (!activity.busy()) {
                    return;
                }
                String[] parts = request.startLine().split(" ");
                if (parts.length != 3 || !parts[1].startsWith("/") && !parts[1].equals("*")) {
                    Exchange.respond(tlsOut, 400, "Bad Request", "authsome proxy: malformed request line", true);
                    return;
                }
                // Admitted again for every request of the tunnel: a client can lose its admission meanwhile.
                ProxyContext now = client.context(null);
                if (now == null) {
                    refuse(tlsOut);
                    return;
                }
                if (now != exchanging) {
                    exchange = new Exchange(now, tls, tlsIn, tlsOut, link);
                    exchanging = now;
                }
                if (!exchange.forward(request, new Exchange.Target(true, authority.host(), authority.port(), parts[1]))
                        || !activity.idle()) {
                    return;
                }
            }
        }
    }

    private void tunnel(ProxyContext current, HostPort authority, BufferedInputStream in, BufferedOutputStream out)
            throws IOException {
        long started = System.nanoTime();
        Socket upstream;
        try {
            upstream = current.connector().open(authority.host(), authority.port(), false);
        } catch (IOException e) {
            Exchange.respond(out, 502, "Bad Gateway", "authsome proxy: cannot connect to " + authority.host() + ":"
                    + authority.port() + ": " + e.getMessage(), true);
            auditTunnel(current, authority, 502, 0, 0, started);
            return;
        }
        try (upstream) {
            out.write(CONNECTION_ESTABLISHED);
            out.flush();
            Pump.Totals totals = Pump.both(current.threads(), in, out, socket,
                    new BufferedInputStream(upstream.getInputStream(), BUFFER), upstream.getOutputStream(), upstream);
            auditTunnel(current, authority, 200, totals.fromClient(), totals.toClient(), started);
        }
    }

    /** A blind tunnel's event: {@code not_allowed} when it goes to the API of a provider the client may not use. */
    private static void auditTunnel(ProxyContext current, HostPort authority, int status, long sent, long received,
                                    long started) {
        String withheld = current.routes().withheld(authority.host(), authority.port());
        current.requested(new ProxyRequest(withheld == null ? "tunnelled" : ProxyRequest.NOT_ALLOWED, withheld, null,
                authority.host(), "CONNECT", null, status, sent, received, started)
                .event(current.credentials().profile()));
    }

    /** Plain-HTTP proxying: {@code GET http://host:port/path HTTP/1.1}, on a connection kept alive. */
    private void absoluteForm(ProxyContext current, ProxyGate.Client client, HttpHead first, BufferedInputStream in,
                              BufferedOutputStream out, UpstreamLink link) throws IOException {
        Exchange exchange = null;
        ProxyContext exchanging = null;
        HttpHead request = first;
        while (true) {
            ProxyContext now = request == first ? current : client.context(request.get("Proxy-Authorization"));
            if (now == null) {
                refuse(out);
                return;
            }
            String[] parts = request.startLine().split(" ");
            URI uri = parts.length == 3 ? absolute(parts[1]) : null;
            if (uri == null) {
                Exchange.respond(out, 400, "Bad Request", "authsome proxy: expected a request for http://host/path", true);
                return;
            }
            String origin = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            request.startLine(parts[0] + " " + origin + " " + parts[2]);
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            if (now != exchanging) {
                exchange = new Exchange(now, socket, in, out, link);
                exchanging = now;
            }
            if (!exchange.forward(request, new Exchange.Target(false, host.toLowerCase(Locale.ROOT),
                    uri.getPort() == -1 ? 80 : uri.getPort(), origin)) || !activity.idle()) {
                return;
            }
            request = HttpHead.read(in);
            if (request == null || !activity.busy()) {
                return;
            }
        }
    }

    private static URI absolute(String target) {
        try {
            URI uri = new URI(target);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A CONNECT authority: {@code host:port} or {@code [v6]:port}. */
    record HostPort(String host, int port) {
        static HostPort parse(String authority, int defaultPort) {
            int colon = authority.lastIndexOf(':');
            boolean bracketed = authority.startsWith("[");
            if (colon < 0 || (bracketed && colon < authority.indexOf(']'))) {
                String host = bracketed ? authority.substring(1, authority.length() - 1) : authority;
                return host.isEmpty() ? null : new HostPort(host.toLowerCase(Locale.ROOT), defaultPort);
            }
            try {
                String host = authority.substring(bracketed ? 1 : 0, bracketed ? colon - 1 : colon);
                int port = Integer.parseInt(authority.substring(colon + 1));
                return host.isEmpty() || port > 65535 ? null : new HostPort(host.toLowerCase(Locale.ROOT), port);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return null;
            }
        }
    }
}
