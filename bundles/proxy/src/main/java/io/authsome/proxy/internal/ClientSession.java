package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * One connection from a client of the proxy. Its first request must be admitted by
 * {@link ProxyAccess}. A CONNECT to a routed host is intercepted: the proxy answers the TLS
 * handshake as that host and forwards each request inside; a CONNECT to any other host becomes a
 * blind tunnel. Requests in absolute form ({@code GET http://host/path}) are forwarded as they
 * come.
 */
final class ClientSession implements Runnable {
    private static final int BUFFER = 32 * 1024;
    private static final byte[] CONNECTION_ESTABLISHED =
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ProxyContext context;
    private final Socket socket;
    private final Runnable admitted;

    /** @param admitted called once the first request is admitted (it ends the admission deadline) */
    ClientSession(ProxyContext context, Socket socket, Runnable admitted) {
        this.context = context;
        this.socket = socket;
        this.admitted = admitted;
    }

    @Override
    public void run() {
        try (socket; UpstreamLink link = new UpstreamLink(context.connector())) {
            socket.setTcpNoDelay(true);
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            HttpHead first = HttpHead.read(in);
            if (first == null) {
                return;
            }
            if (!context.access().admits(first, socket)) {
                Exchange.respond(out, 407, "Proxy Authentication Required",
                        "authsome proxy: this proxy serves one 'authsome run' child; its URL carries the credentials", true);
                return;
            }
            admitted.run();
            if (first.firstWord().equals("CONNECT")) {
                connect(first, in, out, link);
            } else {
                absoluteForm(first, in, out, link);
            }
        } catch (HttpProtocolException e) {
            // A client that does not speak HTTP/1.1: nothing to forward, the connection just ends.
        } catch (IOException e) {
            // The client or the API host went away; the exchange in progress was audited if it got a status.
        }
    }

    private void connect(HttpHead request, BufferedInputStream in, BufferedOutputStream out, UpstreamLink link)
            throws IOException {
        String[] parts = request.startLine().split(" ");
        HostPort authority = parts.length == 3 ? HostPort.parse(parts[1], -1) : null;
        if (authority == null || authority.port() < 1) {
            Exchange.respond(out, 400, "Bad Request", "authsome proxy: CONNECT needs host:port", true);
            return;
        }
        if (context.routes().intercepts(authority.host(), authority.port())) {
            intercept(authority, out, link);
        } else {
            tunnel(authority, in, out);
        }
    }

    private void intercept(HostPort authority, BufferedOutputStream out, UpstreamLink link) throws IOException {
        out.write(CONNECTION_ESTABLISHED);
        out.flush();
        SSLSocket tls;
        try {
            tls = context.intercept().accept(socket, authority.host());
        } catch (GeneralSecurityException | IOException e) {
            context.warnOnce("handshake " + authority.host(), "the client did not accept the proxy's certificate for "
                    + authority.host() + " (" + e.getMessage() + "); it must trust the CA in SSL_CERT_FILE "
                    + "(see 'authsome ca path')");
            return;
        }
        try (tls) {
            BufferedInputStream tlsIn = new BufferedInputStream(tls.getInputStream(), BUFFER);
            BufferedOutputStream tlsOut = new BufferedOutputStream(tls.getOutputStream(), BUFFER);
            Exchange exchange = new Exchange(context, tls, tlsIn, tlsOut, link);
            for (HttpHead request = HttpHead.read(tlsIn); request != null; request = HttpHead.read(tlsIn)) {
                String[] parts = request.startLine().split(" ");
                if (parts.length != 3 || !parts[1].startsWith("/") && !parts[1].equals("*")) {
                    Exchange.respond(tlsOut, 400, "Bad Request", "authsome proxy: malformed request line", true);
                    return;
                }
                if (!exchange.forward(request, new Exchange.Target(true, authority.host(), authority.port(), parts[1]))) {
                    return;
                }
            }
        }
    }

    private void tunnel(HostPort authority, BufferedInputStream in, BufferedOutputStream out) throws IOException {
        long started = System.nanoTime();
        Socket upstream;
        try {
            upstream = context.connector().open(authority.host(), authority.port(), false);
        } catch (IOException e) {
            Exchange.respond(out, 502, "Bad Gateway", "authsome proxy: cannot connect to " + authority.host() + ":"
                    + authority.port() + ": " + e.getMessage(), true);
            auditTunnel(authority, 502, 0, 0, started);
            return;
        }
        try (upstream) {
            out.write(CONNECTION_ESTABLISHED);
            out.flush();
            Pump.Totals totals = Pump.both(context.threads(), in, out, socket,
                    new BufferedInputStream(upstream.getInputStream(), BUFFER), upstream.getOutputStream(), upstream);
            auditTunnel(authority, 200, totals.fromClient(), totals.toClient(), started);
        }
    }

    private void auditTunnel(HostPort authority, int status, long sent, long received, long started) {
        context.requested(new ProxyRequest("tunnelled", null, null, authority.host(), "CONNECT", null, status, sent,
                received, started).event(context.credentials().profile()));
    }

    /** Plain-HTTP proxying: {@code GET http://host:port/path HTTP/1.1}, on a connection kept alive. */
    private void absoluteForm(HttpHead first, BufferedInputStream in, BufferedOutputStream out, UpstreamLink link)
            throws IOException {
        Exchange exchange = new Exchange(context, socket, in, out, link);
        for (HttpHead request = first; request != null; request = HttpHead.read(in)) {
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
            if (!exchange.forward(request, new Exchange.Target(false, host.toLowerCase(Locale.ROOT),
                    uri.getPort() == -1 ? 80 : uri.getPort(), origin))) {
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
