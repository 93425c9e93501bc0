package io.authsome.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.H2Error;
import org.apache.hc.core5.http2.H2StreamResetException;
import org.apache.hc.core5.net.URIAuthority;

/**
 * One request to an API over HTTP/2, on a stream of the host's multiplexed connection
 * ({@link UpstreamH2}), for a worker that handles it as an HTTP/1.1 exchange: the request is given
 * as an HTTP/1.1 head (made an HTTP/2 request: {@code Host} becomes the authority, the fields
 * HTTP/2 forbids are left out) with its body written to {@link #body()}; the answer comes as an
 * HTTP/1.1 head ({@link #response()}) whose body {@link #in()} frames as that head says
 * ({@code Content-Length} when the API sent one, else chunked).
 */
final class H2Call implements AsyncClientExchangeHandler {
    private static final int OUTBOUND = 32 * 1024;

    private final HttpRequest request;
    private final StreamOutput body;
    private final StreamInput answer = new StreamInput();
    private final CompletableFuture<HttpHead> head = new CompletableFuture<>();
    private volatile boolean chunked;
    private InputStream in;
    private volatile Cancellable execution;
    private volatile boolean unprocessed;

    /** A request with {@code head} to {@code host}:{@code port}; {@code withBody}: a body follows through {@link #body()}. */
    H2Call(HttpHead head, String host, int port, boolean withBody, long idleMillis) {
        String line = head.startLine();
        int method = line.indexOf(' ');
        int target = line.indexOf(' ', method + 1);
        this.request = new BasicHttpRequest(line.substring(0, method), "https", new URIAuthority(host, port),
                line.substring(method + 1, target < 0 ? line.length() : target));
        HopByHop.copyToHttp2(head, request, "Host"); // the authority now
        this.body = withBody ? new StreamOutput(OUTBOUND, idleMillis, "the API", null) : null;
    }

    // The worker's side.

    /** Where the request body goes, without framing; closing it ends the request. */
    StreamOutput body() {
        return body;
    }

    /** The answer's head, once it came. */
    HttpHead response() throws IOException {
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the API");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** The answer's body, framed as {@link #response()} says. */
    InputStream in() {
        if (in == null) {
            in = chunked ? new ChunkedInput(answer) : answer;
        }
        return in;
    }

    /**
     * Whether the call failed before any answer because the API refused its stream
     * ({@code REFUSED_STREAM}) or its connection went away under it (the server ended it, as
     * after a GOAWAY, or the request never left): the API did not act on it, or no differently
     * than on an HTTP/1.1 request on a kept-alive connection it had closed.
     */
    boolean unprocessed() {
        return unprocessed;
    }

    /** The requester's handle on the call, to cancel it. */
    void started(Cancellable handle) {
        execution = handle;
    }

    /** The worker is done with a call it did not read to its end: its stream is reset. */
    void abandon() {
        Cancellable handle = execution;
        if (handle != null) {
            try {
                handle.cancel();
            } catch (CancelledKeyException e) {
                // The API's connection is gone, and the stream with it.
            }
        }
        failed(new IOException("abandoned"));
    }

    // The reactor's side.

    @Override
    public void produceRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
        channel.sendRequest(request, body == null ? null : new BasicEntityDetails(-1, null), context);
    }

    @Override
    public int available() {
        return body == null ? 0 : body.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        if (body != null) {
            body.produce(channel);
        }
    }

    @Override
    public void consumeInformation(HttpResponse response, HttpContext context) {
        // 1xx: the client had its own 100 Continue; others are not passed on over HTTP/2.
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context) {
        int status = response.getCode();
        String reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ROOT);
        HttpHead answerHead = new HttpHead("HTTP/1.1 " + status + " " + (reason == null ? "Status" : reason));
        for (Header field : response.getHeaders()) {
            answerHead.add(field.getName(), field.getValue());
        }
        if (entity == null) {
            answer.end();
            if (answerHead.get("Content-Length") == null && status != 204 && status != 304
                    && !"HEAD".equals(request.getMethod())) {
                answerHead.add("Content-Length", "0");
            }
        } else if (answerHead.get("Content-Length") == null) {
            chunked = true;
            answerHead.add("Transfer-Encoding", "chunked");
        }
        head.complete(answerHead);
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) {
        answer.updateCapacity(capacityChannel);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        answer.fill(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        answer.end();
    }

    @Override
    public void failed(Exception cause) {
        if (!head.isDone()) {
            unprocessed = cause instanceof ConnectionClosedException || cause instanceof ClosedChannelException
                    || cause instanceof H2StreamResetException reset && reset.getCode() == H2Error.REFUSED_STREAM.getCode();
        }
        head.completeExceptionally(cause);
        answer.fail(cause);
        if (body != null) {
            body.abort();
        }
    }

    @Override
    public void cancel() {
        failed(new RequestNotExecutedException("the API's HTTP/2 connection closed"));
    }

    /** The exchange ended: a body still being written fails (the answer, when whole, stays readable). */
    @Override
    public void releaseResources() {
        if (body != null) {
            body.abort();
        }
    }
}
