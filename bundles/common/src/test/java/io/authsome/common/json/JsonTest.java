package io.authsome.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesIntoPlainValuesInDocumentOrder() throws Exception {
        Map<String, Object> value = Json.parseObject(bytes("""
                {"z": 1, "a": [true, false, null], "big": 123456789012345678901234567890, "f": 1.5, "s": "x"}"""));
        assertEquals(List.of("z", "a", "big", "f", "s"), List.copyOf(value.keySet()));
        assertEquals(1L, value.get("z"));
        assertEquals(Arrays.asList(true, false, null), value.get("a"));
        assertEquals(new BigInteger("123456789012345678901234567890"), value.get("big"));
        assertEquals(1.5, value.get("f"));
    }

    @Test
    void duplicateKeysTrailingContentAndSyntaxErrorsAreMalformed() {
        MalformedJsonException duplicate = assertThrows(MalformedJsonException.class,
                () -> Json.parse(bytes("{\"a\": 1, \"a\": 2}")));
        assertTrue(duplicate.getMessage().contains("Duplicate field 'a'"), duplicate.getMessage());
        assertThrows(MalformedJsonException.class, () -> Json.parse(bytes("{} {}")));
        MalformedJsonException syntax = assertThrows(MalformedJsonException.class,
                () -> Json.parse(bytes("{\n  \"a\": tru\n}")));
        assertTrue(syntax.getMessage().contains("line 2"), syntax.getMessage());
        assertThrows(MalformedJsonException.class, () -> Json.parse(bytes("")));
        assertThrows(MalformedJsonException.class, () -> Json.parseObject(bytes("[1]")));
    }

    @Test
    void writesWhatItReads() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "quote \" and \\ and \n newline");
        value.put("list", Arrays.asList(1, 2L, null, "x"));
        value.put("nested", Map.of("ok", true));
        Map<String, Object> back = Json.parseObject(bytes(Json.write(value)));
        assertEquals(value.get("name"), back.get("name"));
        assertEquals(Arrays.asList(1L, 2L, null, "x"), back.get("list"));
        assertEquals(Map.of("ok", true), back.get("nested"));
    }

    @Test
    void refusesTypesItCannotWrite() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object())));
    }

    @Test
    void aDocumentNestedDeeperThanTheCapIsRefusedWithoutOverflowingTheStack() {
        for (String open : List.of("[", "{\"a\":")) {
            String close = open.equals("[") ? "]" : "}";
            String deep = open.repeat(100_000) + "1" + close.repeat(100_000);
            MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.parse(bytes(deep)));
            assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH + " levels"), e.getMessage());
        }
    }

    @Test
    void aDocumentAtTheDepthCapIsRead() throws Exception {
        String deep = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertTrue(Json.parse(bytes(deep)) instanceof List);
    }

    @Test
    void aDocumentLargerThanTheSizeCapIsRefusedNamingTheCap() {
        byte[] huge = bytes("\"" + "x".repeat(Json.MAX_BYTES) + "\"");
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.parse(huge));
        assertTrue(e.getMessage().contains("4 MiB"), e.getMessage());
    }
}
