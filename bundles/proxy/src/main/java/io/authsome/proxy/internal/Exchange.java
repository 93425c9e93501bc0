package io.authsome.proxy.internal;

import io.authsome.api.AuthsomeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Forwards one request of a client connection to its API host and streams the answer back. On
 * the way it removes hop-by-hop fields, puts the routed provider's credential in place of any the
 * client sent, and, when the API answers 401 to an injected credential and the request can be
 * sent again, renews the credential and retries once. Every request ends with one
 * {@code proxy_request} audit event. The request comes as an HTTP/1.1 head and body stream and the
 * answer goes to a {@link ClientReply}, whether the client speaks HTTP/1.1 or HTTP/2.
 */
final class Exchange {
    /** Request bodies up to this size are kept, so that the request can be retried after a 401. */
    static final int REPLAY_LIMIT = 64 * 1024;
    private static final int REJECTION_LIMIT = 1024 * 1024;
    /** How many times a request is sent over HTTP/2 when its streams fail unprocessed. */
    private static final int H2_ATTEMPTS = 3;
    /** The wait before the second attempt; twice that before the third. */
    private static final long RETRY_PAUSE_MILLIS = 10;

    private final ProxyContext context;
    private final InputStream clientIn;
    private final ClientReply reply;
    private final UpstreamLink link;
    private final Rejections rejections;

    /** Requests in {@code context} whose bodies come from {@code clientIn}, answered to {@code reply}, sent over {@code link}. */
    Exchange(ProxyContext context, InputStream clientIn, ClientReply reply, UpstreamLink link) {
        this.context = context;
        this.clientIn = clientIn;
        this.reply = reply;
        this.link = link;
        this.rejections = new Rejections(context);
    }

    /** Where a request goes: scheme, host and port, and the request target in origin form. */
    record Target(boolean secure, String host, int port, String originForm) {
        /**
         * The path without the query and with dot segments removed (also percent-encoded ones), as
         * the server will see it: {@code /api/../admin} is {@code /admin} for routing.
         */
        String path() {
            int query = originForm.indexOf('?');
            return Paths.withoutDotSegments(query < 0 ? originForm : originForm.substring(0, query));
        }

        /** Without the query, which may hold a key. */
        @Override
        public String toString() {
            return (secure ? "https://" : "http://") + host + ":" + port + path();
        }
    }

    /**
     * Forwards {@code request} (its start line already in origin form), checked as
     * {@code checked}, to {@code target}. A body that turns out malformed while it streams (a chunk
     * size that overflows) is refused with 400 and the connection to the API closed, so that the
     * API never takes the bytes sent so far for a whole request.
     *
     * @return whether the client connection stays open for another request
     */
    boolean forward(HttpHead request, ClientRequest checked, Target target) throws IOException {
        long started = System.nanoTime();
        String method = checked.line().method();
        boolean clientCloses = checked.closes(request);
        boolean upgrade = request.get("Upgrade") != null && request.hasToken("Connection", "upgrade");
        String upgradeTo = request.get("Upgrade");
        if (upgrade) {
            HopByHop.stripForUpgrade(request, upgradeTo);
        } else {
            HopByHop.strip(request);
        }
        request.remove("Expect"); // the proxy answers the expectation itself, once it will read the body
        RouteTable.Decision decision = decide(target);
        CredentialSource.Credential credential = null;
        if (decision instanceof RouteTable.Inject inject) {
            try {
                credential = context.credentials().credential(inject.target());
            } catch (AuthsomeException e) {
                if (context.noCredentials().answers()) {
                    context.noCredentials().answer(context, reply, inject, target, method, e, started);
                    return false;
                }
                context.warnOnce("unavailable " + inject.provider().name(), "no credential sent to " + target.host()
                        + ": " + e.getMessage() + (e.nextStep() == null ? "" : "; next: " + e.nextStep()));
                decision = new RouteTable.Pass("no usable credential");
            }
        }
        if (checked.expectsContinue()) {
            reply.interim(new HttpHead("HTTP/1.1 100 Continue"));
        }
        RequestRecord record = new RequestRecord(target, method, decision);
        MessageBody body = checked.body();
        try (Spool held = body.isEmpty() ? Spool.of(new byte[0])
                : body.framing() == MessageBody.Framing.LENGTH && body.length() <= REPLAY_LIMIT
                ? Spool.of(body.readSmall(clientIn, REPLAY_LIMIT)) : null) {
            if (credential instanceof CredentialSource.Header header) {
                request.set(header.name(), header.value());
                record.header = header;
            } else if (credential instanceof CredentialSource.Signer signer) {
                Signing signing = new Signing(signer, request, target, body);
                try (Spool signed = prepare(signing, body, held)) {
                    signing.sign();
                    return forward(request, target, body, signed, signing, record, upgrade, clientCloses, started);
                } catch (Signing.PluginFailure | Spool.TooLargeException e) {
                    return refuse(record, record.inject(), e, started);
                }
            }
            return forward(request, target, body, held, null, record, upgrade, clientCloses, started);
        } catch (MalformedRequest e) {
            link.close();
            context.refuse(reply, target.host(), method, e, started);
            return false;
        }
    }

    /** Reads the body for the signing plugin; a malformed one is the client's fault. */
    private Spool prepare(Signing signing, MessageBody body, Spool held) throws IOException, Signing.PluginFailure {
        try {
            return signing.prepare(body, clientIn, held);
        } catch (HttpProtocolException e) {
            throw MalformedRequest.of(e);
        }
    }

    /** Sends the prepared request, retries it when the answer allows, and relays the answer. */
    private boolean forward(HttpHead request, Target target, MessageBody body, Spool replay, Signing signing,
                            RequestRecord record, boolean upgrade, boolean clientCloses, long started) throws IOException {
        record.requestBytes = replay != null ? replay.length() : 0;
        Response response;
        try {
            response = new Response(send(request, target, body, replay, record), null);
            int status = HttpStatus.of(response.head());
            if (record.header != null && replay != null && status == 401) {
                response = retryAfter401(request, target, response.head(), replay, record.header,
                        record.inject(), record);
            } else if (signing != null && replay != null && Signing.refusal(status)) {
                response = retryAfterRefusal(request, target, response.head(), replay, signing, record);
            }
        } catch (UpstreamException e) {
            context.warnOnce("upstream " + target.host() + ":" + target.port(), e.getMessage());
            record.status = 502;
            reply.answer(502, "Bad Gateway", "authsome proxy: " + e.getMessage(), true);
            audit(record, started);
            return false;
        }
        return relay(response, record.method, upgrade, clientCloses, record, started);
    }

    /** Answers a request whose plugin could not prepare it (or whose body is too long to sign): 502 or 413. */
    private boolean refuse(RequestRecord record, RouteTable.Inject inject, Exception e, long started) throws IOException {
        boolean tooLarge = e instanceof Spool.TooLargeException;
        String message = tooLarge ? e.getMessage() : inject.provider().name() + ": the plugin '"
                + inject.provider().definition().injector() + "' could not prepare the request: " + e.getMessage();
        context.warnOnce("plugin " + inject.provider().name() + " " + e.getMessage(), message);
        record.status = tooLarge ? 413 : 502;
        record.pluginError = e.getMessage();
        reply.answer(record.status, tooLarge ? "Content Too Large" : "Bad Gateway", "authsome proxy: " + message, true);
        audit(record, started);
        return false;
    }

    private RouteTable.Decision decide(Target target) {
        RouteTable.Decision decision = context.routes().decide(target);
        if (decision instanceof RouteTable.Ambiguous ambiguous) {
            context.warnOnce("ambiguous " + target.host() + target.path(), "no credential sent to " + target.host()
                    + target.path() + ": the routes of " + String.join(" and ", ambiguous.providers())
                    + " match it equally well; make one route more specific (a path prefix)");
        }
        return decision;
    }

    private HttpHead send(HttpHead request, Target target, MessageBody body, Spool replay, RequestRecord record)
            throws IOException {
        for (int attempt = 0; ; attempt++) {
            // An upgrade (a WebSocket) needs HTTP/1.1 to the API too.
            link.target(target.host(), target.port(), target.secure(), request.get("Upgrade") == null);
            if (link.multiplexed()) {
                return sendMultiplexed(request, target, body, replay, record);
            }
            boolean retriable = link.reused() && replay != null && attempt == 0;
            try {
                request.writeTo(link.out());
                if (replay != null) {
                    replay.writeTo(link.out());
                } else {
                    record.requestBytes = streamBody(body, link.out(), true);
                }
                link.out().flush();
                HttpHead response = readResponseHead();
                if (response != null) {
                    return response;
                }
                if (!retriable) {
                    throw new UpstreamException(target.host() + " closed the connection without answering");
                }
            } catch (UpstreamException | MalformedRequest e) {
                throw e;
            } catch (HttpProtocolException e) {
                // The API answered, wrongly: not a kept-alive connection it had closed, so never sent again.
                link.close();
                throw new UpstreamException(target.host() + " answered with a malformed response: " + e.getMessage(), e);
            } catch (IOException e) {
                if (!retriable) {
                    throw new UpstreamException("request to " + target.host() + " failed: " + e.getMessage(), e);
                }
            }
            link.close(); // a kept-alive connection the server had closed: once more on a new one
        }
    }

    /**
     * Sends the request on a stream of the host's HTTP/2 connection: the body, when there is one,
     * without its HTTP/1.1 framing. A stream that fails is not sent again (the API may have acted
     * on it) unless it failed unprocessed ({@link H2Call#unprocessed()}: refused, or caught by its
     * connection ending, as servers end connections after some requests) and its body is held:
     * then it goes again, on a new connection, up to {@link #H2_ATTEMPTS} times in all.
     */
    private HttpHead sendMultiplexed(HttpHead request, Target target, MessageBody body, Spool replay,
                                     RequestRecord record) throws IOException {
        boolean withBody = replay != null ? replay.length() > 0 : !body.isEmpty();
        for (int attempt = 1; ; attempt++) {
            H2Call call = null;
            try {
                call = link.call(request, withBody);
                if (withBody) {
                    try (OutputStream out = call.body()) {
                        if (replay != null) {
                            replay.writeTo(out);
                        } else {
                            record.requestBytes = streamBody(body, out, false);
                        }
                    }
                }
                return call.response();
            } catch (MalformedRequest e) {
                link.close();
                throw e;
            } catch (IOException e) {
                link.close();
                if (replay == null || call == null || !call.unprocessed() || attempt == H2_ATTEMPTS) {
                    throw new UpstreamException("request to " + target.host() + " over HTTP/2 failed: "
                            + e.getMessage(), e);
                }
                pause(RETRY_PAUSE_MILLIS * attempt);
            }
        }
    }

    /**
     * Waits before a request goes again: a connection that is ending stays open (and in the
     * requester's pool, taking streams only to cancel them) until its last streams are answered.
     */
    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before sending the request again");
        }
    }

    /**
     * Streams the client's body to the API, {@code framed} as HTTP/1.1 or as its bytes only; a
     * malformed chunk is the client's fault, not the API's.
     */
    private long streamBody(MessageBody body, OutputStream to, boolean framed) throws IOException {
        try {
            return framed ? body.copy(clientIn, to) : body.decode(clientIn, to);
        } catch (HttpProtocolException e) {
            throw MalformedRequest.of(e);
        }
    }

    /** The final response head; 100 Continue is dropped (the client got its own), other 1xx are passed on. */
    private HttpHead readResponseHead() throws IOException {
        while (true) {
            HttpHead response = HttpHead.read(link.in());
            if (response == null) {
                return null;
            }
            int status = HttpStatus.of(response);
            if (status / 100 != 1 || status == 101) {
                return response;
            }
            if (status != 100) {
                reply.interim(response);
            }
        }
    }

    /**
     * A response head from the API, and its body when the proxy already read it (a 401 it could
     * not retry), else {@code null}: the body is still to be streamed.
     */
    private record Response(HttpHead head, byte[] body) {
    }

    private Response retryAfter401(HttpHead request, Target target, HttpHead rejection, Spool replay,
                                   CredentialSource.Header rejected, RouteTable.Inject inject, RequestRecord record)
            throws IOException {
        byte[] drained = drain(request, target, rejection, 401);
        if (drained == null) {
            return new Response(rejection, null); // not delimited or too large to hold: the 401 goes on as it is
        }
        record.renewalTried = true;
        CredentialSource.Header renewed = rejections.renew(inject, target.host(), rejected);
        if (renewed == null) {
            return new Response(rejection, drained);
        }
        record.retried = true;
        request.set(renewed.name(), renewed.value());
        return new Response(send(request, target, MessageBody.EMPTY, replay, record), null);
    }

    /** Shows a refusal to the injector; when it learned from it, signs the request again and sends it once more. */
    private Response retryAfterRefusal(HttpHead request, Target target, HttpHead refusal, Spool replay, Signing signing,
                                       RequestRecord record) throws IOException {
        int status = HttpStatus.of(refusal);
        byte[] drained = drain(request, target, refusal, status);
        if (drained == null) {
            return new Response(refusal, null);
        }
        if (!signing.retry(refusal, status, drained)) {
            return new Response(refusal, drained);
        }
        try {
            signing.sign();
        } catch (Signing.PluginFailure e) {
            return new Response(refusal, drained);
        }
        record.retried = true;
        return new Response(send(request, target, MessageBody.EMPTY, replay, record), null);
    }

    /**
     * Reads the body of a refusal with {@code status} so that the request can be sent again on the
     * same connection.
     *
     * @return the body, or {@code null} when it is not delimited or too large to hold
     */
    private byte[] drain(HttpHead request, Target target, HttpHead refusal, int status) throws IOException {
        MessageBody refusalBody = MessageBody.ofResponse(refusal, status, request.firstWord());
        byte[] drained;
        try {
            drained = refusalBody.readSmall(link.in(), REJECTION_LIMIT);
        } catch (MessageBody.BodyTooLargeException e) {
            throw new UpstreamException(target.host() + " answered " + status + " with an oversized body");
        }
        if (drained != null && refusal.hasToken("Connection", "close")) {
            link.close();
        }
        return drained;
    }

    private boolean relay(Response answer, String method, boolean upgrade, boolean clientCloses, RequestRecord record,
                          long started) throws IOException {
        HttpHead response = answer.head();
        int status = HttpStatus.of(response);
        record.status = status;
        boolean upstreamCloses = response.hasToken("Connection", "close") || response.startLine().startsWith("HTTP/1.0");
        byte[] buffered = answer.body();
        MessageBody body = buffered != null ? null : MessageBody.ofResponse(response, status, method);
        if (status == 101 && upgrade) {
            HopByHop.stripForUpgrade(response, response.get("Upgrade"));
            Pump.Totals totals = reply.upgrade(response, clientIn, link, context.threads());
            record.requestBytes += totals.fromClient();
            record.responseBytes = totals.toClient();
            audit(record, started);
            return false;
        }
        HopByHop.strip(response);
        boolean closeAfter = clientCloses || (body != null && body.framing() == MessageBody.Framing.UNTIL_CLOSE);
        if (closeAfter) {
            response.add("Connection", "close");
        }
        if (status == 401 && record.decision instanceof RouteTable.Inject inject && !record.retried) {
            rejections.unauthorized(inject, record.target.host(), record.header, record.renewalTried);
        }
        if (status == 403 && record.decision instanceof RouteTable.Inject inject) {
            record.neededScopes = rejections.forbidden(inject, response);
        }
        try {
            if (buffered != null) {
                reply.send(response, buffered);
                record.responseBytes = buffered.length;
            } else {
                record.responseBytes = reply.stream(response, body, link.in());
            }
        } catch (IOException e) {
            link.close(); // the API's answer failed, or the client went away or stopped reading
            IOException failure = BodyCut.failure(e);
            record.responseBytes = BodyCut.moved(e);
            record.cutShort = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
            throw failure;
        } finally {
            audit(record, started);
        }
        if (upstreamCloses || (body != null && body.framing() == MessageBody.Framing.UNTIL_CLOSE)) {
            link.close();
        }
        return !closeAfter;
    }

    private void audit(RequestRecord record, long started) {
        context.requested(record.event(context.credentials().profile(), started));
    }
}
