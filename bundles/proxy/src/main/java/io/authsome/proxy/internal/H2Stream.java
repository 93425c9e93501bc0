package io.authsome.proxy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * writes the answer as this {@link ClientReply}: its head as a HEADERS frame, its body, without
 * HTTP/1.1 framing, through a buffer of {@value #OUTBOUND} bytes that the reactor sends as the
 * client's window allows. A client that reads nothing for the idle time while the buffer is full
 * fails the write, as on HTTP/1.1.
 */
final class H2Stream implements AsyncServerExchangeHandler, ClientReply {
    private static final int INBOUND = 64 * 1024;
    private static final int OUTBOUND = 32 * 1024;
    /** Fields of an HTTP/1.1 answer that HTTP/2 does not carry (RFC 9113 8.2.2); the others are hop-by-hop already gone. */
    private static final List<String> CONNECTION_SPECIFIC = List.of("Connection", "Keep-Alive", "Proxy-Connection",
            "Transfer-Encoding", "Upgrade", "TE");

    private final H2Requests requests;
    private final long idleMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Body body = new Body();
    private SharedInputBuffer requestBody;
    private ResponseChannel responses;
    private HttpContext context;
    /** An answer to HEAD has no body, whatever its head says. */
    private boolean headRequest;
    /** The answer's body bytes not yet sent, in write mode; allocated with the answer's head. */
    private ByteBuffer pending;
    private DataStreamChannel channel;
    private boolean responded;
    /** The answer's head while it waits for its body's first flush (then it goes in one write with it). */
    private HttpResponse unsent;
    private boolean complete;
    private boolean endSent;
    private boolean failed;

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
        lock.lock();
        try {
            int buffered = pending == null ? 0 : pending.position();
            return buffered > 0 ? buffered : complete && !endSent ? 1 : 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void produce(DataStreamChannel dataChannel) throws IOException {
        lock.lock();
        try {
            channel = dataChannel;
            if (pending != null && pending.position() > 0) {
                pending.flip();
                try {
                    dataChannel.write(pending);
                } finally {
                    pending.compact();
                }
                room.signalAll();
            }
            if (complete && !endSent && (pending == null || pending.position() == 0)) {
                endSent = true;
                dataChannel.endStream();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    /** The stream ended (answered, reset by the client, or its connection gone): a worker still writing stops. */
    @Override
    public void releaseResources() {
        lock.lock();
        try {
            failed = !endSent;
            room.signalAll();
        } finally {
            lock.unlock();
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
        } catch (HttpException e) {
            throw new IOException("cannot send an interim answer over HTTP/2: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(HttpHead head, byte[] bytes) throws IOException {
        stream(head, MessageBody.ofHeld(head), new ByteArrayInputStream(bytes));
    }

    /**
     * Sends {@code head} as HEADERS with the first flush of the body (or at its end), so that a
     * small answer leaves in one write.
     */
    @Override
    public long stream(HttpHead head, MessageBody framing, InputStream in) throws IOException {
        HttpResponse response = response(head);
        lock.lock();
        try {
            responded = true;
            if (framing.isEmpty() || headRequest) {
                sendHead(response, false);
                return 0;
            }
            pending = ByteBuffer.allocate(OUTBOUND);
            unsent = response;
        } finally {
            lock.unlock();
        }
        long total = framing.decode(in, body);
        lock.lock();
        try {
            complete = true;
            if (unsent != null) {
                sendUnsent();
            } else {
                requestOutput();
            }
        } finally {
            lock.unlock();
        }
        return total;
    }

    /**
     * Under the lock: sends the answer's head, and what of its body is buffered (the multiplexer
     * asks for it at once, on this thread). Safe under the lock: the reactor never holds the
     * connection's lock when it calls into the stream.
     */
    private void sendUnsent() throws IOException {
        HttpResponse response = unsent;
        unsent = null;
        sendHead(response, true);
    }

    /** Under the lock: asks the reactor to send what is buffered. */
    private void requestOutput() throws IOException {
        if (channel == null) {
            throw new IOException("the client closed the HTTP/2 stream"); // before the multiplexer asked for the body
        }
        channel.requestOutput();
    }

    private void sendHead(HttpResponse response, boolean withBody) throws IOException {
        try {
            responses.sendResponse(response, withBody ? new BasicEntityDetails(-1, null) : null, context);
        } catch (HttpException e) {
            throw new IOException("cannot send the answer over HTTP/2: " + e.getMessage(), e);
        }
    }

    @Override
    public Pump.Totals upgrade(HttpHead head, InputStream clientIn, UpstreamLink link, ExecutorService threads)
            throws IOException {
        throw new IOException("an HTTP/2 stream does not upgrade");
    }

    /** The worker is done with the stream: one it did not answer whole is reset, so the client knows. */
    void done() {
        boolean whole;
        lock.lock();
        try {
            whole = responded && (pending == null || complete);
        } finally {
            lock.unlock();
        }
        if (!whole) {
            responses.terminateExchange();
        }
    }

    /** An HTTP/1.1 answer head as an HTTP/2 response: the status and the fields HTTP/2 carries. */
    private static HttpResponse response(HttpHead head) throws HttpProtocolException {
        HttpResponse response = new BasicHttpResponse(HttpStatus.of(head));
        for (String name : head.names()) {
            if (CONNECTION_SPECIFIC.stream().noneMatch(name::equalsIgnoreCase)) {
                for (String value : head.values(name)) {
                    response.addHeader(name, value);
                }
            }
        }
        return response;
    }

    /** The answer's body: buffered, and sent by the reactor when flushed or when the buffer is full. */
    private final class Body extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                while (len > 0) {
                    if (failed) {
                        throw new IOException("the client closed the HTTP/2 stream");
                    }
                    if (!pending.hasRemaining()) {
                        awaitRoom();
                        continue;
                    }
                    int n = Math.min(len, pending.remaining());
                    pending.put(b, off, n);
                    off += n;
                    len -= n;
                }
            } finally {
                lock.unlock();
            }
        }

        /** Under the lock: asks the reactor to send, and waits until it took some. */
        private void awaitRoom() throws IOException {
            if (unsent != null) {
                sendUnsent();
            } else {
                requestOutput();
            }
            try {
                if (!room.await(idleMillis, TimeUnit.MILLISECONDS) && !pending.hasRemaining() && !failed) {
                    throw new IOException("the client read nothing for " + idleMillis / 1000 + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing to the client");
            }
        }

        @Override
        public void flush() throws IOException {
            lock.lock();
            try {
                if (unsent != null) {
                    sendUnsent();
                } else if (pending.position() > 0) {
                    requestOutput();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
