package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.CancelledKeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.nio.command.ShutdownCommand;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * The requests of an intercepted connection whose client chose HTTP/2: each stream is an
 * {@link H2Stream} handled on a worker like a request inside an HTTP/1.1 tunnel. The connection is
 * admitted with its first request, and the client again for every request; each request is made
 * an HTTP/1.1 head, checked as one ({@link ClientRequest}), and forwarded by an {@link Exchange}
 * over an API connection of the client's {@link UpstreamPool}, one per request in flight. While no
 * request is in flight the connection may stay idle for its time, as an HTTP/1.1 one.
 */
final class H2Requests implements HandlerFactory<AsyncServerExchangeHandler> {
    private final ProxyGate.Client client;
    private final ClientSession.HostPort authority;
    private final ClientSession.Activity activity;
    private final UpstreamPool pool;
    private final Executor workers;
    private final ProtocolIOSession session;
    private final ProxyContext context;
    private final long idleMillis;
    private Boolean admitted;
    private int inFlight;

    /**
     * @param context the client's context when the tunnel began: for refusals before a request
     *                has one of its own
     */
    H2Requests(ProxyGate.Client client, ClientSession.HostPort authority, ClientSession.Activity activity,
               UpstreamPool pool, Executor workers, ProtocolIOSession session, ProxyContext context, long idleMillis) {
        this.client = client;
        this.authority = authority;
        this.activity = activity;
        this.pool = pool;
        this.workers = workers;
        this.session = session;
        this.context = context;
        this.idleMillis = idleMillis;
    }

    @Override
    public AsyncServerExchangeHandler create(HttpRequest request, HttpContext httpContext) {
        return new H2Stream(this, idleMillis);
    }

    /** Hands a stream's request to a worker; none left (the proxy is closing): the stream is reset. */
    void dispatch(H2Stream stream, HttpRequest request, boolean withBody, InputStream body) {
        try {
            workers.execute(() -> serve(stream, request, withBody, body));
        } catch (RejectedExecutionException e) {
            stream.done();
        }
    }

    private void serve(H2Stream stream, HttpRequest request, boolean withBody, InputStream body) {
        long started = System.nanoTime();
        UpstreamLink link = null;
        boolean reusable = false;
        boolean begun = begin();
        try {
            if (!begun) {
                stream.answer(503, "Service Unavailable", "authsome proxy: the proxy is stopping", true);
                return;
            }
            if (!admitted()) {
                stream.answer(503, "Service Unavailable", activity.overLimit(client), true);
                shutdown();
                return;
            }
            ProxyContext now = client.context(null);
            if (now == null) {
                stream.answer(407, "Proxy Authentication Required", context.access().refusal(), true);
                return;
            }
            HttpHead head = head(request, withBody);
            ClientRequest checked;
            try {
                checked = ClientRequest.of(head);
            } catch (MalformedRequest e) {
                now.refuse(stream, authority.host(), request.getMethod(), e, started);
                return;
            }
            String target = checked.line().target();
            if (!target.startsWith("/") && !target.equals("*")) {
                now.refuse(stream, authority.host(), checked.line().method(),
                        new MalformedRequest("a request target that is not a path"), started);
                return;
            }
            link = new UpstreamLink(now.connector(), pool, client.name());
            InputStream framed = withBody && head.get("Content-Length") == null ? new ChunkedInput(body) : body;
            reusable = new Exchange(now, framed, stream, link).forward(head, checked,
                    new Exchange.Target(true, authority.host(), authority.port(), target));
        } catch (IOException | RuntimeException e) {
            // The client reset the stream or went away, or the API's answer broke off: audited as it got.
        } finally {
            if (link != null) {
                if (reusable) {
                    link.release();
                } else {
                    link.close();
                }
            }
            stream.done();
            if (begun) {
                end();
            }
        }
    }

    /**
     * The request as an HTTP/1.1 head: its method and path, {@code Host} from its authority,
     * its fields ({@code cookie} fields joined into one, RFC 9113 8.2.3), and, for a body of
     * unknown length, {@code Transfer-Encoding: chunked}.
     */
    static HttpHead head(HttpRequest request, boolean withBody) {
        HttpHead head = new HttpHead(request.getMethod() + " " + request.getPath() + " HTTP/1.1");
        URIAuthority authority = request.getAuthority();
        if (authority != null) {
            String host = authority.getHostName();
            head.add("Host", (host.contains(":") ? "[" + host + "]" : host)
                    + (authority.getPort() < 0 ? "" : ":" + authority.getPort()));
        }
        List<String> cookies = new ArrayList<>();
        for (Header field : request.getHeaders()) {
            if (field.getName().equalsIgnoreCase("cookie")) {
                cookies.add(field.getValue());
            } else if (authority == null || !field.getName().equalsIgnoreCase("host")) {
                head.add(field.getName(), field.getValue());
            }
        }
        if (!cookies.isEmpty()) {
            head.add("cookie", String.join("; ", cookies));
        }
        if (withBody && head.get("Content-Length") == null) {
            head.add("Transfer-Encoding", "chunked");
        }
        return head;
    }

    /** Whether the connection is within its client's number of connections: asked with its first request. */
    private synchronized boolean admitted() {
        if (admitted == null) {
            admitted = activity.admitted(client);
        }
        return admitted;
    }

    /** A request begins: the connection is busy (no idle time limit), unless the proxy stopped it. */
    private synchronized boolean begin() {
        if (inFlight == 0) {
            if (!activity.busy()) {
                return false;
            }
            session.setSocketTimeout(Timeout.DISABLED);
        }
        inFlight++;
        return true;
    }

    /** A request ended: with none left in flight the connection waits for its idle time, or ends when the proxy stops. */
    private synchronized void end() {
        if (--inFlight == 0) {
            if (activity.idle()) {
                session.setSocketTimeout(Timeout.ofMilliseconds(idleMillis));
            } else {
                shutdown();
            }
        }
    }

    /** Asks the multiplexer to end the connection once its streams are done (GOAWAY); one closed already stays so. */
    private void shutdown() {
        try {
            session.enqueue(ShutdownCommand.GRACEFUL, Command.Priority.NORMAL);
        } catch (CancelledKeyException e) {
            // The client closed it first.
        }
    }
}
