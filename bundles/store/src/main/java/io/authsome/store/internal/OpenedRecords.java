package io.authsome.store.internal;

import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.seal.RecordCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the vault's sealed files last decrypted to, kept so that a file read again with the same
 * bytes is not decrypted and parsed again: the proxy reads a connection's index and record for
 * every request. Each use reads the file anew and compares its bytes with those kept, so a hit
 * is exactly what decrypting the file now would give, also to a process holding a refresh lock:
 * nothing is ever served that is not on disk. A new keyring (rekey) makes a new cipher, which
 * misses. At most {@value #CAPACITY} files, the least recently used dropped first. Thread-safe.
 */
final class OpenedRecords {
    private static final int CAPACITY = 256;

    /** Turns a decrypted file into its value; the value must never be changed afterwards. */
    interface Decoder<T> {
        T decode(byte[] plaintext) throws MalformedJsonException;
    }

    private record Opened(byte[] sealed, RecordCipher cipher, Object value) {
    }

    private final Map<Path, Opened> opened = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Opened> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The value of {@code file}, decrypted with {@code cipher} unless its bytes are those of the last time. */
    @SuppressWarnings("unchecked")
    <T> T open(SealedFile file, RecordCipher cipher, Decoder<T> decoder)
            throws IOException, MalformedJsonException, RecordCipher.UnreadableRecordException {
        byte[] sealed = Files.readAllBytes(file.path());
        Opened last;
        synchronized (opened) {
            last = opened.get(file.path());
        }
        if (last != null && last.cipher() == cipher && Arrays.equals(last.sealed(), sealed)) {
            return (T) last.value();
        }
        T value = decoder.decode(cipher.open(Json.parseObject(sealed), file.identity()));
        synchronized (opened) {
            opened.put(file.path(), new Opened(sealed, cipher, value));
        }
        return value;
    }
}
