package io.authsome.proxy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.nio.support.classic.ContentInputStream;
import org.apache.hc.core5.http.nio.support.classic.SharedInputBuffer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One request of an HTTP/2 client connection, between the connection's multiplexer on the I/O
 * reactor and the worker that handles it ({@link H2Requests}) like a request of an HTTP/1.1
 * connection. The worker reads the request body through a blocking stream that the reactor fills
 * as DATA frames arrive (the client may send as much as there is room for: flow control), and
 * writes the answer as this {@link ClientReply}: its head as a HEADERS frame with the first bytes
 * of its body, the body without HTTP/1.1 framing through a {@link StreamOutput} of
 * {@value #OUTBOUND} bytes (an API's HTTP/2 answer of known length still arriving is moved there by
 * the reactor: {@link BodyRelay}).
 */
final class H2Stream implements AsyncServerExchangeHandler, ClientReply {
    private static final int INBOUND = 64 * 1024;
    private static final int OUTBOUND = 32 * 1024;

    private final H2Requests requests;
    private final long idleMillis;
    private SharedInputBuffer requestBody;
    private ResponseChannel responses;
    private HttpContext context;
    /** An answer to HEAD has no body, whatever its head says. */
    private boolean headRequest;
    private boolean responded;
    /** The answer's body, once its head is known. */
    private volatile StreamOutput body;

    H2Stream(H2Requests requests, long idleMillis) {
        this.requests = requests;
        this.idleMillis = idleMillis;
    }

    // The reactor's side.

    @Override
    public void handleRequest(HttpRequest request, EntityDetails entity, ResponseChannel responseChannel,
                              HttpContext httpContext) {
        this.responses = responseChannel;
        this.context = httpContext;
        this.headRequest = "HEAD".equals(request.getMethod());
        InputStream in;
        if (entity == null) {
            in = InputStream.nullInputStream();
        } else {
            requestBody = new SharedInputBuffer(INBOUND);
            in = new ContentInputStream(requestBody);
        }
        requests.dispatch(this, request, entity != null, in);
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        if (requestBody != null) {
            requestBody.updateCapacity(capacityChannel);
        }
    }

    @Override
    public void consume(ByteBuffer src) {
        requestBody.fill(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        requestBody.markEndStream();
    }

    @Override
    public int available() {
        StreamOutput out = body;
        return out == null ? 0 : out.available();
    }

    @Override
    public void produce(DataStreamChannel dataChannel) throws IOException {
        StreamOutput out = body;
        if (out != null) {
            out.produce(dataChannel);
        }
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    /** The stream ended (answered, reset by the client, or its connection gone): a worker still at it stops. */
    @Override
    public void releaseResources() {
        StreamOutput out = body;
        if (out != null) {
            out.abort();
        }
        if (requestBody != null) {
            requestBody.abort();
        }
    }

    // The worker's side: the ClientReply.

    @Override
    public void interim(HttpHead head) throws IOException {
        try {
            responses.sendInformation(response(head), context);
        } catch (CancelledKeyException e) {
            throw new IOException("the client closed the connection", e);
        } catch (HttpException e) {
            throw new IOException("cannot send an interim answer over HTTP/2: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(HttpHead head, byte[] bytes) throws IOException {
        stream(head, MessageBody.ofHeld(head), new ByteArrayInputStream(bytes));
    }

    /** Sends {@code head} as HEADERS with the first flush of the body (or at its end), so that a small answer leaves in one write. */
    @Override
    public long stream(HttpHead head, MessageBody framing, InputStream in) throws IOException {
        HttpResponse response = response(head);
        responded = true;
        if (framing.isEmpty() || headRequest) {
            sendHead(response, false);
            return 0;
        }
        StreamOutput out = new StreamOutput(OUTBOUND, idleMillis, "the client", () -> sendHead(response, true));
        body = out;
        StreamInput arriving = BodyRelay.arriving(framing, in);
        long total = arriving != null ? out.relay(arriving, framing.length())
                : BodyCut.counted(out, counted -> framing.decode(in, counted));
        out.close();
        return total;
    }

    private void sendHead(HttpResponse response, boolean withBody) throws IOException {
        try {
            responses.sendResponse(response, withBody ? new BasicEntityDetails(-1, null) : null, context);
        } catch (CancelledKeyException e) {
            throw new IOException("the client closed the connection", e);
        } catch (HttpException e) {
            throw new IOException("cannot send the answer over HTTP/2: " + e.getMessage(), e);
        }
    }

    @Override
    public Pump.Totals upgrade(HttpHead head, InputStream clientIn, UpstreamLink link, ExecutorService threads)
            throws IOException {
        throw new IOException("an HTTP/2 stream does not upgrade");
    }

    /**
     * The worker is done with the stream: one it did not answer whole is reset, so the client
     * knows (unless the connection is gone already).
     */
    void done() {
        StreamOutput out = body;
        if (!responded || out != null && !out.complete()) {
            try {
                responses.terminateExchange();
            } catch (CancelledKeyException e) {
                // The client closed the connection: there is no stream left to reset.
            }
        }
    }

    /** An HTTP/1.1 answer head as an HTTP/2 response: the status and the fields HTTP/2 carries. */
    private static HttpResponse response(HttpHead head) throws HttpProtocolException {
        HttpResponse response = new BasicHttpResponse(HttpStatus.of(head));
        HopByHop.copyToHttp2(head, response, null);
        return response;
    }
}
