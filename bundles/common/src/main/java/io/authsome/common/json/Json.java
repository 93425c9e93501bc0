package io.authsome.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain values and writes plain values as JSON. Objects become
 * {@link LinkedHashMap}s in document order, arrays {@link ArrayList}s, numbers {@link Long},
 * {@link java.math.BigInteger} or {@link Double}. A document larger than {@value #MAX_BYTES} bytes
 * or nested deeper than {@value #MAX_DEPTH} levels is refused with a message that says so: nothing
 * authsome reads comes near either, and a hostile file must not exhaust memory or the stack.
 * Thread-safe.
 */
public final class Json {
    /** The largest document read: 4 MiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The deepest nesting of objects and arrays read. */
    public static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private Json() {
    }

    /**
     * Parses one JSON document; duplicate object keys and content after the document are errors.
     *
     * @throws MalformedJsonException naming the line and column of the first error
     */
    public static Object parse(byte[] json) throws MalformedJsonException {
        if (json.length > MAX_BYTES) {
            throw new MalformedJsonException("the document is " + json.length + " bytes, more than the "
                    + MAX_BYTES + " (4 MiB) read");
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new MalformedJsonException("empty document");
            }
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("unexpected content after the document" + where(parser));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e) + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage());
        }
    }

    /** Parses a document that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] json) throws MalformedJsonException {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new MalformedJsonException("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Writes {@code value} (maps with string keys, iterables, arrays of objects, strings, numbers,
     * booleans, enums as their name, null) as indented JSON.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static String write(Object value) {
        return write(value, true);
    }

    /** Like {@link #write(Object)}, on one line: for JSON-lines output such as the audit log. */
    public static String writeLine(Object value) {
        return write(value, false);
    }

    private static String write(Object value, boolean indent) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (indent) {
                generator.useDefaultPrettyPrinter();
            }
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token + where(parser));
        }
    }

    /**
     * What went wrong, without quoting the document: the parser's own messages quote the token
     * they stopped at, which may be a secret. Member names are not secrets, so a duplicate one is
     * named.
     */
    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException && message.contains("nesting depth")) {
            return "the document is nested deeper than " + MAX_DEPTH + " levels";
        }
        if (message.startsWith("Duplicate field ")) {
            return message;
        }
        if (message.contains("end-of-input")) {
            return "the document ends too early";
        }
        return "syntax error";
    }

    private static String where(JsonParser parser) {
        return " (line " + parser.currentLocation().getLineNr() + ", column "
                + parser.currentLocation().getColumnNr() + ")";
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable<?> iterable) {
            generator.writeStartArray();
            for (Object item : iterable) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Object[] array) {
            write(generator, Arrays.asList(array));
        } else if (value instanceof String string) {
            generator.writeString(string);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number number) {
            generator.writeNumber(number.toString());
        } else if (value instanceof Enum<?> constant) {
            generator.writeString(constant.name());
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }
}
