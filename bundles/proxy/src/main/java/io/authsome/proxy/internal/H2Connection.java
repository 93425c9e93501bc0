package io.authsome.proxy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hc.core5.http2.impl.nio.ProtocolNegotiationException;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http2.impl.nio.ServerH2IOEventHandler;
import org.apache.hc.core5.http2.impl.nio.ServerH2StreamMultiplexerFactory;
import org.apache.hc.core5.http2.protocol.H2RequestConformance;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * An intercepted client connection that chose HTTP/2 in its TLS handshake (ALPN), on the I/O
 * reactor: it checks the client's connection preface, then hands the connection to HttpCore's
 * HTTP/2 multiplexer, whose streams are the {@code streams}' requests (the client's frames pass
 * through {@link ClientSettings} on the way). It learns when the
 * connection ends, so that the proxy stops counting it.
 */
final class H2Connection implements IOEventHandler {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Requests that HTTP/2 forbids (connection-specific fields) are refused before they reach a worker. */
    private static final HttpProcessor CONFORMANCE = HttpProcessorBuilder.create()
            .add(new H2RequestConformance()).build();
    private static final H2Config SETTINGS = H2Config.custom()
            .setPushEnabled(false)
            .setMaxConcurrentStreams(100)
            .build();

    private final ProtocolIOSession session;
    private final HandlerFactory<AsyncServerExchangeHandler> streams;
    private final Runnable ended;
    private final ByteBuffer preface = ByteBuffer.allocate(PREFACE.length);
    private final ClientSettings settings = new ClientSettings();
    private IOEventHandler multiplexer;

    /** The connection on {@code session}, its requests handled by {@code streams}; {@code ended} runs once it closed. */
    H2Connection(ProtocolIOSession session, HandlerFactory<AsyncServerExchangeHandler> streams, Runnable ended) {
        this.session = session;
        this.streams = streams;
        this.ended = ended;
    }

    @Override
    public void connected(IOSession ioSession) throws IOException {
        if (multiplexer != null) {
            multiplexer.connected(ioSession);
        }
    }

    @Override
    public void inputReady(IOSession ioSession, ByteBuffer src) throws IOException {
        if (multiplexer != null) {
            if (src == null) {
                multiplexer.inputReady(ioSession, null);
            } else {
                settings.feed(src, bytes -> multiplexer.inputReady(ioSession, bytes));
            }
            return;
        }
        if (src == null) {
            return; // decrypted bytes come as src; a read event without them brings nothing yet
        }
        while (src.hasRemaining() && preface.hasRemaining()) {
            preface.put(src.get());
        }
        if (preface.hasRemaining()) {
            return;
        }
        if (!Arrays.equals(preface.array(), PREFACE)) {
            throw new ProtocolNegotiationException("the client chose HTTP/2 but sent no HTTP/2 preface");
        }
        multiplexer = new ServerH2IOEventHandler(
                new ServerH2StreamMultiplexerFactory(CONFORMANCE, streams, SETTINGS, null, null).create(session));
        multiplexer.connected(ioSession);
        if (src.hasRemaining()) {
            settings.feed(src, bytes -> multiplexer.inputReady(ioSession, bytes));
        }
    }

    @Override
    public void outputReady(IOSession ioSession) throws IOException {
        if (multiplexer != null) {
            multiplexer.outputReady(ioSession);
        } else {
            ioSession.clearEvent(SelectionKey.OP_WRITE);
        }
    }

    @Override
    public void timeout(IOSession ioSession, Timeout timeout) throws IOException {
        if (multiplexer != null) {
            multiplexer.timeout(ioSession, timeout);
        } else {
            ioSession.close(CloseMode.IMMEDIATE);
        }
    }

    @Override
    public void exception(IOSession ioSession, Exception cause) {
        if (multiplexer != null) {
            multiplexer.exception(ioSession, cause);
        } else {
            ioSession.close(CloseMode.IMMEDIATE);
        }
    }

    @Override
    public void disconnected(IOSession ioSession) {
        try {
            if (multiplexer != null) {
                multiplexer.disconnected(ioSession);
            }
        } finally {
            ended.run();
        }
    }
}
