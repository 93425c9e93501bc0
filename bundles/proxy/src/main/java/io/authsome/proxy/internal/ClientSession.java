package io.authsome.proxy.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/**
 * One connection from a client of the proxy. Its first request must be admitted by the proxy's
 * {@link ProxyGate}, which gives the context of each request and is asked again before every later
 * one. A CONNECT to a routed host is intercepted: the proxy answers the TLS handshake as that host
 * and forwards each request inside; a CONNECT to any other host becomes a blind tunnel. Requests
 * in absolute form ({@code GET http://host/path}) are forwarded as they come. Every request is
 * checked first ({@link ClientRequest}); one whose meaning is not certain is refused and the
 * connection closed. Between requests the connection may stay idle for its {@link ProxyLimits#idle()};
 * its kept-alive connection to the API is closed after {@link ProxyLimits#upstreamIdle()} of that.
 * The server learns through {@link Activity} when the connection is handling a request and when
 * it waits for the next, so that it can stop without cutting a request short.
 */
final class ClientSession implements Runnable {
    /**
     * The buffers of the connection as it comes: enough for a CONNECT or a request head, and a
     * body or a tunnel bypasses them (reads and writes larger than a buffer go straight through).
     */
    private static final int PLAIN_BUFFER = 8 * 1024;
    /** The buffers inside an intercepted tunnel: one TLS record. */
    private static final int TLS_BUFFER = 16 * 1024;
    private static final byte[] CONNECTION_ESTABLISHED =
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** What the server knows of a connection. */
    interface Activity {
        /**
         * The first request was admitted (the admission deadline ends), for {@code client}: whether
         * the client is within its number of connections ({@code false}: it gets 503).
         */
        boolean admitted(ProxyGate.Client client);

        /** A request arrived: whether to handle it ({@code false}: the server stopped and closed the connection). */
        boolean busy();

        /** The request is done: whether to wait for another ({@code false}: the server is stopping). */
        boolean idle();

        /** The text of the 503 answer to a client past its number of connections. */
        String overLimit(ProxyGate.Client client);
    }

    private final ProxyContext context;
    private final Socket socket;
    private final Activity activity;
    private final ProxyLimits limits;

    ClientSession(ProxyContext context, Socket socket, Activity activity, ProxyLimits limits) {
        this.context = context;
        this.socket = socket;
        this.activity = activity;
        this.limits = limits;
    }

    /** A request read from the client: its head as received, and what the checks made of it. */
    private record Request(HttpHead head, ClientRequest checked) {
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), PLAIN_BUFFER);
            BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream(), PLAIN_BUFFER);
            Request first = next(socket, in, out, context, null, null);
            if (first == null || !activity.busy()) {
                return;
            }
            ProxyGate.Client client = context.access().admit(first.head(), socket, context);
            ProxyContext admitted = client == null ? null : client.context(first.head().get("Proxy-Authorization"));
            if (admitted == null) {
                refuse(out);
                return;
            }
            try (UpstreamLink link = new UpstreamLink(admitted.connector())) {
                if (first.checked().line().method().equals("CONNECT")) {
                    connect(admitted, client, first, in, out, link);
                } else if (admit(client, out)) {
                    absoluteForm(admitted, client, first, in, out, link);
                }
            }
        } catch (IOException e) {
            // The client or the API host went away, or stayed silent too long; the exchange in
            // progress was audited if it got a status.
        }
    }

    /** Counts the connection for {@code client}; past its limit, 503 and {@code false}. */
    private boolean admit(ProxyGate.Client client, OutputStream out) throws IOException {
        if (activity.admitted(client)) {
            return true;
        }
        Exchange.respond(out, 503, "Service Unavailable", activity.overLimit(client), true);
        return false;
    }

    /**
     * The next request of the connection, checked, or {@code null} when the connection ends: closed
     * by the client, idle too long, or a request refused ({@link MalformedRequest}). While the
     * connection waits, its connection to the API ({@code link}) is closed after
     * {@link ProxyLimits#upstreamIdle()}. The head must arrive within its time limit once begun.
     *
     * @param host the API host of an intercepted tunnel, for the audit of a refusal, else {@code null}
     */
    private Request next(Socket connection, BufferedInputStream in, OutputStream out, ProxyContext current,
                         String host, UpstreamLink link) throws IOException {
        if (!waitForRequest(connection, in, link)) {
            return null;
        }
        long started = System.nanoTime();
        connection.setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(HttpHead.TIME_LIMIT_NANOS));
        HttpHead head;
        try {
            head = HttpHead.read(in);
        } catch (SocketTimeoutException e) {
            return null; // a head begun and never finished: closed without an answer
        } catch (HttpProtocolException e) {
            current.refuse(out, host, null, MalformedRequest.of(e), started);
            return null;
        }
        connection.setSoTimeout(0); // bodies and tunnels may pause as long as they like
        if (head == null) {
            return null;
        }
        try {
            return new Request(head, ClientRequest.of(head));
        } catch (MalformedRequest e) {
            current.refuse(out, host, methodOf(head), e, started);
            return null;
        }
    }

    /** Waits for the first byte of a request: whether one came before the connection ended or idled out. */
    private boolean waitForRequest(Socket connection, BufferedInputStream in, UpstreamLink link) throws IOException {
        boolean upstreamOpen = link != null && link.socket() != null;
        connection.setSoTimeout(upstreamOpen ? limits.upstreamIdleMillis() : limits.idleMillis());
        while (true) {
            try {
                in.mark(1);
                int b = in.read();
                in.reset();
                return b >= 0;
            } catch (SocketTimeoutException e) {
                if (!upstreamOpen) {
                    return false;
                }
                link.close();
                upstreamOpen = false;
                connection.setSoTimeout(Math.max(1, limits.idleMillis() - limits.upstreamIdleMillis()));
            }
        }
    }

    /** The method of a head whose request line may be malformed, for the audit: a token, or {@code null}. */
    private static String methodOf(HttpHead head) {
        String word = head.firstWord();
        return !word.isEmpty() && word.length() <= 32 && word.chars().allMatch(c -> HttpHead.isTokenChar((char) c))
                ? word : null;
    }

    /** 407, and the connection closes. */
    private void refuse(OutputStream out) throws IOException {
        Exchange.respond(out, 407, "Proxy Authentication Required", context.access().refusal(), true);
    }

    private void connect(ProxyContext current, ProxyGate.Client client, Request request, BufferedInputStream in,
                         BufferedOutputStream out, UpstreamLink link) throws IOException {
        HostPort authority = HostPort.parse(request.checked().line().target(), -1);
        if (authority == null || authority.port() < 1) {
            current.refuse(out, null, "CONNECT", new MalformedRequest("CONNECT needs host:port"), System.nanoTime());
            return;
        }
        if (current.routes().intercepts(authority.host(), authority.port())) {
            intercept(current, client, authority, out, link);
        } else if (admit(client, out)) {
            tunnel(current, authority, in, out);
        }
    }

    /**
     * Answers the TLS handshake as the host and forwards each request inside. The connection is
     * admitted (its admission deadline ends) only with the first request inside the tunnel, so
     * that a client that connects and then stays silent is closed all the same.
     */
    private void intercept(ProxyContext current, ProxyGate.Client client, HostPort authority, BufferedOutputStream out,
                           UpstreamLink link) throws IOException {
        out.write(CONNECTION_ESTABLISHED);
        out.flush();
        SSLSocket tls;
        try {
            tls = current.intercept().accept(socket, authority.host());
        } catch (GeneralSecurityException e) {
            current.warnOnce("certificate " + authority.host(), "cannot present a certificate for " + authority.host()
                    + ": " + e.getMessage() + "; next: authsome doctor");
            return;
        } catch (SSLHandshakeException e) {
            // A client that goes away before its handshake ends is no news; one that refuses the certificate is.
            if (e.getMessage() != null && e.getMessage().contains("fatal alert")) {
                current.warnOnce("handshake " + authority.host(), "the client did not accept the proxy's certificate"
                        + " for " + authority.host() + " (" + e.getMessage() + "); it must trust the CA in SSL_CERT_FILE"
                        + " (see 'authsome ca path')");
            }
            return;
        }
        try (tls) {
            BufferedInputStream tlsIn = new BufferedInputStream(tls.getInputStream(), TLS_BUFFER);
            BufferedOutputStream tlsOut = new BufferedOutputStream(tls.getOutputStream(), TLS_BUFFER);
            if (!activity.idle()) {
                return;
            }
            Exchange exchange = null;
            ProxyContext exchanging = null;
            boolean admitted = false;
            for (Request request = next(tls, tlsIn, tlsOut, current, authority.host(), null); request != null;
                 request = next(tls, tlsIn, tlsOut, current, authority.host(), link)) {
                if (!activity.busy() || !admitted && !(admitted = admit(client, tlsOut))) {
                    return;
                }
                String target = request.checked().line().target();
                if (!target.startsWith("/") && !target.equals("*")) {
                    current.refuse(tlsOut, authority.host(), request.checked().line().method(),
                            new MalformedRequest("a request target that is not a path"), System.nanoTime());
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
                if (!exchange.forward(request.head(), request.checked(),
                        new Exchange.Target(true, authority.host(), authority.port(), target)) || !activity.idle()) {
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
                    new BufferedInputStream(upstream.getInputStream(), PLAIN_BUFFER), upstream.getOutputStream(), upstream);
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
    private void absoluteForm(ProxyContext current, ProxyGate.Client client, Request first, BufferedInputStream in,
                              BufferedOutputStream out, UpstreamLink link) throws IOException {
        Exchange exchange = null;
        ProxyContext exchanging = null;
        Request request = first;
        while (true) {
            HttpHead head = request.head();
            ProxyContext now = request == first ? current : client.context(head.get("Proxy-Authorization"));
            if (now == null) {
                refuse(out);
                return;
            }
            RequestLine line = request.checked().line();
            URI uri = absolute(line.target());
            if (uri == null) {
                now.refuse(out, null, line.method(), new MalformedRequest("expected a request for http://host/path"),
                        System.nanoTime());
                return;
            }
            String origin = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            head.startLine(line.method() + " " + origin + " " + line.version());
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            if (now != exchanging) {
                exchange = new Exchange(now, socket, in, out, link);
                exchanging = now;
            }
            if (!exchange.forward(head, request.checked(), new Exchange.Target(false, host.toLowerCase(Locale.ROOT),
                    uri.getPort() == -1 ? 80 : uri.getPort(), origin)) || !activity.idle()) {
                return;
            }
            request = next(socket, in, out, now, null, link);
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
