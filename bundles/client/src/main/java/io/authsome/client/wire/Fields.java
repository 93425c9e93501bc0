package io.authsome.client.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strings in a payload: a count, then each as a 4-byte length and its UTF-8 bytes. */
final class Fields {
    private final List<String> values = new ArrayList<>();
    private int next;

    static Fields writer() {
        return new Fields();
    }

    static Fields read(byte[] payload) throws ProtocolException {
        Fields fields = new Fields();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new ProtocolException("a field runs past its frame");
                }
                fields.values.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException e) {
            throw new ProtocolException("malformed fields: " + e.getMessage());
        }
        return fields;
    }

    Fields add(String value) {
        values.add(value);
        return this;
    }

    Fields addList(List<String> list) {
        add(Integer.toString(list.size()));
        for (String value : list) { // a loop, not a lambda: no method handles at the client's start
            add(value);
        }
        return this;
    }

    Fields addMap(Map<String, String> map) {
        add(Integer.toString(map.size()));
        for (Map.Entry<String, String> entry : map.entrySet()) {
            add(entry.getKey()).add(entry.getValue());
        }
        return this;
    }

    String next() throws ProtocolException {
        if (next >= values.size()) {
            throw new ProtocolException("a field is missing");
        }
        return values.get(next++);
    }

    int nextCount() throws ProtocolException {
        try {
            int count = Integer.parseInt(next());
            if (count < 0 || count > values.size() - next) {
                throw new ProtocolException("a count runs past its frame");
            }
            return count;
        } catch (NumberFormatException e) {
            throw new ProtocolException("a count is not a number");
        }
    }

    List<String> nextList() throws ProtocolException {
        int count = nextCount();
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(next());
        }
        return list;
    }

    Map<String, String> nextMap() throws ProtocolException {
        int count = nextCount();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(next(), next());
        }
        return map;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(values.size());
            for (String value : values) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }
}
