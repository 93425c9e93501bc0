package io.authsome.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpHeadTest {
    private static HttpHead parse(String text) throws IOException {
        return HttpHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void fieldsAreReadInOrderAndComparedWithoutCase() throws IOException {
        HttpHead head = parse("\r\nGET /a?key=k HTTP/1.1\r\nHost: x\r\nconnection: keep-alive, Upgrade\r\nX-A:  1 \r\n\r\n");
        assertEquals("GET", head.firstWord());
        assertEquals("x", head.get("HOST"));
        assertEquals("1", head.get("x-a"));
        assertTrue(head.hasToken("Connection", "upgrade"));
        assertEquals(List.of("keep-alive", "upgrade"), head.tokens("Connection"));
        head.set("Authorization", "Bearer one");
        head.set("authorization", "Bearer two");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.writeTo(out);
        assertEquals("GET /a?key=k HTTP/1.1\r\nHost: x\r\nconnection: keep-alive, Upgrade\r\nX-A: 1\r\n"
                + "authorization: Bearer two\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void toStringShowsNeitherTheTargetNorAValue() throws IOException {
        HttpHead head = parse("GET /a?api_key=secret-in-query HTTP/1.1\r\nAuthorization: Bearer secret-token\r\n\r\n");
        assertFalse(head.toString().contains("secret"), head.toString());
    }

    @Test
    void endOfStreamBeforeAHeadIsNoHeadAndMalformedHeadsAreErrors() throws IOException {
        assertNull(parse(""));
        assertThrows(HttpProtocolException.class, () -> parse("GET / HTTP/1.1\r\nno colon here\r\n\r\n"));
        assertThrows(java.io.EOFException.class, () -> parse("GET / HTTP/1.1\r\nHost: x\r\n"));
        assertThrows(HttpProtocolException.class, () -> parse("GET / HTTP/1.1\r\nX: " + "v".repeat(HttpHead.MAX_FIELD_LINE)
                + "\r\n\r\n"));
        assertThrows(HttpProtocolException.class, () -> parse("GET / HTTP/1.1\r\n"
                + ("X: " + "v".repeat(8000) + "\r\n").repeat(9) + "\r\n"), "a head larger than the limit");
        assertThrows(HttpProtocolException.class, () -> parse("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n"));
    }
}
