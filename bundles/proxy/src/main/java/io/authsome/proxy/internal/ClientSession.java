package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.reactor.ProtocolIOSession;

/**
 * The requests of one connection from a client of the proxy, handled a turn at a time on a worker
 * of its {@link ClientConnection} (between requests no thread waits). Its first request must be
 * admitted by the proxy's {@link ProxyGate}, which gives the context of each request and is asked
 * again before every later one. A CONNECT to a routed host is intercepted: the proxy answers the
 * TLS handshake as that host and forwards each request inside; a CONNECT to any other host becomes
 * a blind tunnel. Requests in absolute form ({@code GET http://host/path}) are forwarded as they
 * come. Every request is checked first ({@link ClientRequest}); one whose meaning is not certain
 * is refused and the connection closed. Between requests the connection may stay idle for its
 * {@link ProxyLimits#idle()}, and its connection to the API waits in the {@link UpstreamPool}
 * for the client's next request. The server learns through {@link Activity} when the
 * connection is handling a request and when it waits for the next, so that it can stop without
 * cutting a request short.
 */
final class ClientSession implements ClientConnection.Turns {
    /** The answer to a CONNECT the proxy took (not to be written to). */
    static final byte[] CONNECTION_ESTABLISHED =
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

    /** Where the connection is: before its first request, inside an intercepted tunnel, or proxying plain HTTP. */
    private enum Phase { FIRST, INTERCEPTED, PLAIN }

    private final ProxyContext context;
    private final ClientConnection connection;
    private final InputStream in;
    private final OutputStream out;
    private final ClientReply reply;
    private final Activity activity;
    private final Runnable onEnd;
    private final UpstreamPool pool;
    private final ConnectionInitiator reactor;
    private Phase phase = Phase.FIRST;
    /** The client once admitted, and the context its requests had so far. */
    private ProxyGate.Client client;
    private ProxyContext current;
    private UpstreamLink link;
    /** The intercepted host, and whether a request inside its tunnel was admitted. */
    private HostPort authority;
    private boolean tunnelAdmitted;
    private Exchange exchange;
    private ProxyContext exchanging;

    /**
     * @param reactor what connects blind tunnels to their hosts: the reactor of {@code connection}
     * @param onEnd   runs once the connection ended
     */
    ClientSession(ProxyContext context, ClientConnection connection, Activity activity, UpstreamPool pool,
                  ConnectionInitiator reactor, Runnable onEnd) {
        this.pool = pool;
        this.reactor = reactor;
        this.context = context;
        this.connection = connection;
        this.in = connection.in();
        this.out = connection.out();
        this.reply = new Http1Reply(out, connection);
        this.activity = activity;
        this.onEnd = onEnd;
        this.current = context;
    }

    /** A request read from the client: its head as received, and what the checks made of it. */
    private record Request(HttpHead head, ClientRequest checked) {
    }

    @Override
    public boolean serve() throws IOException {
        return switch (phase) {
            case FIRST -> first();
            case INTERCEPTED -> inTunnel();
            case PLAIN -> plain();
        };
    }

    @Override
    public HandlerFactory<AsyncServerExchangeHandler> http2(ProtocolIOSession session, long idleMillis) {
        return new H2Requests(client, authority, activity, pool, current.threads(), session, current, idleMillis);
    }

    @Override
    public void ended() {
        if (link != null) {
            link.close();
        }
        onEnd.run();
    }

    private boolean first() throws IOException {
        Request first = next(null);
        if (first == null || !activity.busy()) {
            return false;
        }
        client = context.access().admit(first.head(), connection, context);
        ProxyContext admitted = client == null ? null : client.context(first.head().get("Proxy-Authorization"));
        if (admitted == null) {
            refuse();
            return false;
        }
        current = admitted;
        link = new UpstreamLink(admitted.connector(), pool, client.name());
        if (!first.checked().line().method().equals("CONNECT")) {
            if (!admit()) {
                return false;
            }
            phase = Phase.PLAIN;
            return forwardPlain(first, admitted);
        }
        authority = HostPort.parse(first.checked().line().target(), -1);
        if (authority == null || authority.port() < 1) {
            admitted.refuse(reply, null, "CONNECT", new MalformedRequest("CONNECT needs host:port"), System.nanoTime());
            return false;
        }
        if (admitted.routes().intercepts(authority.host(), authority.port())) {
            return intercept();
        }
        return admit() && tunnel();
    }

    /** Counts the connection for its client; past its limit, 503 and {@code false}. */
    private boolean admit() throws IOException {
        if (activity.admitted(client)) {
            return true;
        }
        reply.answer(503, "Service Unavailable", activity.overLimit(client), true);
        return false;
    }

    /**
     * The next request of the connection, checked, or {@code null} when the connection ends: closed
     * by the client or a request refused ({@link MalformedRequest}). The head must arrive within
     * its time limit once begun.
     *
     * @param host the API host of an intercepted tunnel, for the audit of a refusal, else {@code null}
     */
    private Request next(String host) throws IOException {
        long started = System.nanoTime();
        connection.readTimeout(TimeUnit.NANOSECONDS.toMillis(HttpHead.TIME_LIMIT_NANOS));
        HttpHead head;
        try {
            head = HttpHead.read(in);
        } catch (SocketTimeoutException e) {
            return null; // a head begun and never finished: closed without an answer
        } catch (HttpProtocolException e) {
            current.refuse(reply, host, null, MalformedRequest.of(e), started);
            return null;
        } finally {
            connection.readTimeout(0); // bodies and tunnels may pause as long as they like
        }
        if (head == null) {
            return null;
        }
        try {
            return new Request(head, ClientRequest.of(head));
        } catch (MalformedRequest e) {
            current.refuse(reply, host, methodOf(head), e, started);
            return null;
        }
    }

    /** The method of a head whose request line may be malformed, for the audit: a token, or {@code null}. */
    private static String methodOf(HttpHead head) {
        String word = head.firstWord();
        return !word.isEmpty() && word.length() <= 32 && word.chars().allMatch(c -> HttpHead.isTokenChar((char) c))
                ? word : null;
    }

    /** 407, and the connection closes. */
    private void refuse() throws IOException {
        reply.answer(407, "Proxy Authentication Required", context.access().refusal(), true);
    }

    /**
     * Answers the CONNECT and has the connection answer the TLS handshake as the host. The
     * connection is admitted (its admission deadline ends) only with the first request inside the
     * tunnel, so that a client that connects and then stays silent is closed all the same.
     */
    private boolean intercept() throws IOException {
        out.write(CONNECTION_ESTABLISHED); // sent with the TLS start: the client's handshake cannot come before it
        try {
            boolean http2 = current.connector().http2();
            connection.startTls(current.intercept().context(authority.host()),
                    engine -> InterceptTls.configure(engine, http2),
                    HttpHead.TIME_LIMIT_NANOS / 1_000_000);
        } catch (GeneralSecurityException e) {
            current.warnOnce("certificate " + authority.host(), "cannot present a certificate for " + authority.host()
                    + ": " + e.getMessage() + "; next: authsome doctor");
            return false;
        }
        phase = Phase.INTERCEPTED;
        return activity.idle();
    }

    /** The next request inside an intercepted tunnel. */
    private boolean inTunnel() throws IOException {
        Request request = next(authority.host());
        if (request == null) {
            if (!tunnelAdmitted) {
                warnIfCertificateRefused();
            }
            return false;
        }
        if (!activity.busy() || !tunnelAdmitted && !(tunnelAdmitted = admit())) {
            return false;
        }
        String target = request.checked().line().target();
        if (!target.startsWith("/") && !target.equals("*")) {
            current.refuse(reply, authority.host(), request.checked().line().method(),
                    new MalformedRequest("a request target that is not a path"), System.nanoTime());
            return false;
        }
        // Admitted again for every request of the tunnel: a client can lose its admission meanwhile.
        ProxyContext now = client.context(null);
        if (now == null) {
            refuse();
            return false;
        }
        return done(exchange(now).forward(request.head(), request.checked(),
                new Exchange.Target(true, authority.host(), authority.port(), target)));
    }

    /**
     * A request was forwarded: when the connection stays open ({@code open}), its API connection
     * goes back to the pool until the next request. Whether to wait for that request.
     */
    private boolean done(boolean open) {
        if (open) {
            link.release();
        }
        return open && activity.idle();
    }

    /** A client that goes away before its handshake ends is no news; one that refuses the certificate is. */
    private void warnIfCertificateRefused() {
        Exception failure = connection.failure();
        if (failure instanceof SSLHandshakeException && failure.getMessage() != null
                && failure.getMessage().contains("fatal alert")) {
            current.warnOnce("handshake " + authority.host(), "the client did not accept the proxy's certificate"
                    + " for " + authority.host() + " (" + failure.getMessage() + "); it must trust the CA in"
                    + " SSL_CERT_FILE (see 'authsome ca path')");
        }
    }

    /** The exchange for requests in {@code now}'s context, made again when the context changed. */
    private Exchange exchange(ProxyContext now) {
        if (now != exchanging) {
            exchange = new Exchange(now, in, reply, link);
            exchanging = now;
        }
        return exchange;
    }

    /**
     * Hands the connection to a blind tunnel to the CONNECT's host, which answers the client once
     * the host is reached, or not ({@link BlindTunnel}): no worker waits for it.
     */
    private boolean tunnel() throws IOException {
        long started = System.nanoTime();
        ProxyContext tunnelling = current;
        HostPort target = authority;
        BlindTunnel tunnel = BlindTunnel.open(reactor, current.connector(), target.host(), target.port(),
                (status, sent, received) -> auditTunnel(tunnelling, target, status, sent, received, started));
        try {
            connection.handOver(tunnel.client());
            return true;
        } catch (IOException e) {
            tunnel.abort(); // the client went away meanwhile
            throw e;
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

    /** The next plain-HTTP request of a connection kept alive. */
    private boolean plain() throws IOException {
        Request request = next(null);
        if (request == null || !activity.busy()) {
            return false;
        }
        ProxyContext now = client.context(request.head().get("Proxy-Authorization"));
        if (now == null) {
            refuse();
            return false;
        }
        return forwardPlain(request, now);
    }

    /** Plain-HTTP proxying: {@code GET http://host:port/path HTTP/1.1}. */
    private boolean forwardPlain(Request request, ProxyContext now) throws IOException {
        HttpHead head = request.head();
        RequestLine line = request.checked().line();
        URI uri = absolute(line.target());
        if (uri == null) {
            now.refuse(reply, null, line.method(), new MalformedRequest("expected a request for http://host/path"),
                    System.nanoTime());
            return false;
        }
        String origin = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        head.startLine(line.method() + " " + origin + " " + line.version());
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return done(exchange(now).forward(head, request.checked(), new Exchange.Target(false,
                host.toLowerCase(Locale.ROOT), uri.getPort() == -1 ? 80 : uri.getPort(), origin)));
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
