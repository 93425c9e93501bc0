package io.authsome.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The frames of the daemon's socket: what one side writes the other reads, and what it refuses. */
class FrameTest {
    private static final String SECRET = "sk-wire-3c9f1e7b-never-printed";

    private static byte[] written(Frame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Frame frame : frames) {
                frame.writeTo(out);
            }
        }
        return bytes.toByteArray();
    }

    private static DataInputStream reading(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    @Test
    void aRequestAndAChildRequestCrossTheWireWhole() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("OPENAI_API_KEY", SECRET);
        environment.put("EMPTY", "");
        environment.put("UNICODE", "Grüße, \u00e9t\u00e9 \uD83D\uDD11");
        Request request = new Request(4242, "/home/me/work dir", true, false, true,
                List.of("login", "openai", "--json", ""), environment);
        ChildRequest child = new ChildRequest(List.of("python3", "agent.py"), Map.of("HTTPS_PROXY", "http://x"), "/tmp");
        DataInputStream in = reading(written(request.toFrame(), child.toFrame(), Frame.of(FrameType.EXIT, 3)));

        assertEquals(request, Request.from(Frame.readFrom(in).orElseThrow()));
        Frame second = Frame.readFrom(in).orElseThrow();
        assertEquals(FrameType.START_CHILD, second.type());
        assertEquals(child, ChildRequest.from(second));
        assertEquals(3, Frame.readFrom(in).orElseThrow().number());
        assertEquals(Optional.empty(), Frame.readFrom(in), "a clean end between frames");
    }

    @Test
    void neitherARequestNorAFrameNamesTheEnvironmentInItsText() {
        Request request = new Request(1, "/", false, false, false, List.of("get"), Map.of("KEY", SECRET));
        assertFalse(request.toString().contains(SECRET), request.toString());
        assertFalse(request.toFrame().toString().contains(SECRET));
        assertFalse(new ChildRequest(List.of("sh"), Map.of("KEY", SECRET), "/").toString().contains(SECRET));
    }

    @Test
    void aTruncatedOrOversizedOrUnknownFrameIsANamedProtocolError() throws IOException {
        byte[] whole = written(Frame.of(FrameType.STDOUT, "hello"));
        ProtocolException truncated = assertThrows(ProtocolException.class,
                () -> Frame.readFrom(reading(Arrays.copyOf(whole, whole.length - 2))));
        assertTrue(truncated.getMessage().contains("ended inside a frame"));

        byte[] huge = {(byte) FrameType.STDOUT.code(), 0x7f, 0, 0, 0};
        assertTrue(assertThrows(ProtocolException.class, () -> Frame.readFrom(reading(huge))).getMessage()
                .contains("bytes"));
        byte[] unknown = {99, 0, 0, 0, 0};
        assertTrue(assertThrows(ProtocolException.class, () -> Frame.readFrom(reading(unknown))).getMessage()
                .contains("unknown frame type 99"));
    }

    @Test
    void aRequestOfAnotherVersionOrWithMissingFieldsIsRefused() throws IOException {
        Frame other = new Frame(FrameType.REQUEST, Fields.writer().add("2").add("1").add("/").add("000")
                .addList(List.of()).addMap(Map.of()).toBytes());
        assertTrue(assertThrows(ProtocolException.class, () -> Request.from(other)).getMessage().contains("version 2"));
        Frame cut = new Frame(FrameType.REQUEST, Fields.writer().add("1").add("1").toBytes());
        assertThrows(ProtocolException.class, () -> Request.from(cut));
        Frame lying = new Frame(FrameType.REQUEST, Fields.writer().add("1").add("1").add("/").add("000").add("5")
                .toBytes());
        assertTrue(assertThrows(ProtocolException.class, () -> Request.from(lying)).getMessage().contains("count"));
        assertThrows(ProtocolException.class, () -> Request.from(Frame.of(FrameType.STDIN, "x")));
    }
}
