package io.authsome.proxy.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;

/**
 * Answers written to an HTTP/1.1 connection as they are: the head, then the body in its framing.
 *
 * @param out        the connection's bytes to the client
 * @param connection closed when an upgraded connection ends
 */
record Http1Reply(OutputStream out, Closeable connection) implements ClientReply {
    @Override
    public void interim(HttpHead head) throws IOException {
        head.writeTo(out);
        out.flush();
    }

    @Override
    public void send(HttpHead head, byte[] body) throws IOException {
        head.writeTo(out);
        out.write(body);
        out.flush();
    }

    /**
     * A body of known length still arriving on an API's HTTP/2 stream goes to the client from the
     * connection's reactor as it comes ({@link ClientConnection#relay}); any other is copied here.
     * A body that fails on its way comes as a {@link BodyCut}.
     */
    @Override
    public long stream(HttpHead head, MessageBody body, InputStream in) throws IOException {
        head.writeTo(out);
        StreamInput arriving = BodyRelay.arriving(body, in);
        if (connection instanceof ClientConnection client && arriving != null) {
            return client.relay(arriving, body.length());
        }
        return BodyCut.counted(out, counted -> body.copy(in, counted));
    }

    @Override
    public Pump.Totals upgrade(HttpHead head, InputStream clientIn, UpstreamLink link, ExecutorService threads)
            throws IOException {
        head.writeTo(out);
        out.flush();
        return Pump.both(threads, clientIn, out, connection, link.in(), link.out(), link.socket());
    }
}
