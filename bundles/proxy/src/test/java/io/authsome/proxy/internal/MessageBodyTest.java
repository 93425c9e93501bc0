package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageBodyTest {
    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpHead head(String... fields) throws IOException {
        return HttpHead.read(stream("HTTP/1.1 200 OK\r\n" + String.join("", fields) + "\r\n"));
    }

    @Test
    void chunkedBodiesPassWithTheirFramingAndTrailersAndStopAtTheirEnd() throws IOException {
        String chunked = "5;ext=1\r\nhello\r\n6 \r\n world\r\n0\r\nX-Trailer:yes \r\n\r\n";
        InputStream in = stream(chunked + "NEXT");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageBody body = MessageBody.ofResponse(head("Transfer-Encoding: chunked\r\n", "Content-Length: 99\r\n"), 200, "GET");
        assertEquals(11, body.copy(in, out));
        assertEquals("5\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1),
                "sizes and trailers are written again as understood, without extensions");
        assertEquals("NEXT", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), "the next message is left unread");
    }

    @Test
    void aLengthIsCopiedExactlyAndAShortBodyIsAnError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageBody body = MessageBody.ofRequest(head("Content-Length: 4\r\n"));
        assertEquals(4, body.copy(stream("abcdEXTRA"), out));
        assertEquals("abcd", out.toString(StandardCharsets.ISO_8859_1));
        assertThrows(EOFException.class, () -> body.copy(stream("ab"), new ByteArrayOutputStream()));
    }

    @Test
    void responsesWithoutFramingRunToTheEndAndSomeHaveNoBody() throws IOException {
        assertEquals(MessageBody.Framing.UNTIL_CLOSE, MessageBody.ofResponse(head(), 200, "GET").framing());
        assertEquals(MessageBody.Framing.NONE, MessageBody.ofResponse(head("Content-Length: 10\r\n"), 200, "HEAD").framing());
        assertEquals(MessageBody.Framing.NONE, MessageBody.ofResponse(head(), 204, "GET").framing());
        assertEquals(MessageBody.Framing.NONE, MessageBody.ofResponse(head(), 304, "GET").framing());
        assertEquals(MessageBody.Framing.NONE, MessageBody.ofRequest(head()).framing());
    }

    @Test
    void malformedFramingIsRefused() throws IOException {
        assertThrows(MalformedRequest.class, () -> MessageBody.ofRequest(head("Content-Length: -1\r\n")));
        assertThrows(MalformedRequest.class, () -> MessageBody.ofRequest(head("Content-Length: x\r\n")));
        assertThrows(MalformedRequest.class, () -> MessageBody.ofRequest(head("Transfer-Encoding: gzip\r\n")));
        assertThrows(MalformedRequest.class, () -> MessageBody.ofRequest(head("Content-Length: 1\r\n",
                "Content-Length: 2\r\n")));
        assertThrows(MalformedRequest.class, () -> MessageBody.ofRequest(head("Content-Length: 1\r\n",
                "Transfer-Encoding: chunked\r\n")));
        assertEquals(2, MessageBody.ofRequest(head("Content-Length: 2\r\n", "Content-Length: 2\r\n")).length());
        assertThrows(HttpProtocolException.class, () -> MessageBody.ofResponse(head("Transfer-Encoding: chunked\r\n"), 200, "GET")
                .copy(stream("zz\r\n"), new ByteArrayOutputStream()));
        assertThrows(HttpProtocolException.class, () -> MessageBody.ofResponse(head("Transfer-Encoding: chunked\r\n"), 200, "GET")
                .copy(stream("1000000000000000\r\n"), new ByteArrayOutputStream()), "a size that would overflow");
        assertThrows(HttpProtocolException.class, () -> MessageBody.ofResponse(head("Transfer-Encoding: chunked\r\n"), 200, "GET")
                .copy(stream("3\nabc\r\n0\r\n\r\n"), new ByteArrayOutputStream()), "a bare LF");
    }

    @Test
    void smallBodiesAreReadForReplayAndLargeOnesAreLeft() throws IOException {
        MessageBody body = MessageBody.ofRequest(head("Content-Length: 3\r\n"));
        assertArrayEquals("abc".getBytes(StandardCharsets.ISO_8859_1), body.readSmall(stream("abc"), 10));
        InputStream large = stream("abcdef");
        assertNull(MessageBody.ofRequest(head("Content-Length: 6\r\n")).readSmall(large, 5));
        assertEquals(6, large.available(), "nothing was consumed");
        assertThrows(MessageBody.BodyTooLargeException.class, () -> MessageBody.ofResponse(
                head("Transfer-Encoding: chunked\r\n"), 401, "GET").readSmall(stream("a\r\n0123456789\r\n0\r\n\r\n"), 5));
    }
}
