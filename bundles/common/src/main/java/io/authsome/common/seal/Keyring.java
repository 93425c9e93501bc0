package io.authsome.common.seal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The vault's AES-256 keys by key id, and which one encrypts new records. Older keys stay while
 * a rekey is under way, so every record stays readable at every moment. Immutable.
 *
 * @param keys    key id to the 32 key bytes
 * @param current the id of the key new records are encrypted with
 */
public record Keyring(Map<String, byte[]> keys, String current) {
    public static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public Keyring {
        keys = Map.copyOf(keys);
        Objects.requireNonNull(current, "current");
        if (!keys.containsKey(current)) {
            throw new IllegalArgumentException("current key " + current + " is not in the keyring");
        }
    }

    /** A keyring with one fresh random key. */
    public static Keyring generate() {
        String id = newId();
        return new Keyring(Map.of(id, randomKey()), id);
    }

    /** This keyring plus a fresh key that becomes current; the old keys stay unless {@code dropOld}. */
    public Keyring withNewCurrentKey(boolean dropOld) {
        Map<String, byte[]> next = new LinkedHashMap<>(dropOld ? Map.of() : keys);
        String id = newId();
        next.put(id, randomKey());
        return new Keyring(next, id);
    }

    /** Only the current key: what remains once every record uses it. */
    public Keyring currentOnly() {
        return new Keyring(Map.of(current, keys.get(current)), current);
    }

    public byte[] key(String id) {
        return keys.get(id);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> encoded = new LinkedHashMap<>();
        keys.forEach((id, key) -> encoded.put(id, Base64.getEncoder().encodeToString(key)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("current", current);
        json.put("keys", encoded);
        return json;
    }

    public static Keyring fromJson(Map<?, ?> json) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (!(json.get("keys") instanceof Map<?, ?> encoded) || !(json.get("current") instanceof String current)) {
            throw new IllegalArgumentException("keyring has no keys or no current key");
        }
        encoded.forEach((id, value) -> {
            byte[] key = Base64.getDecoder().decode((String) value);
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key " + id + " is not " + KEY_BYTES + " bytes");
            }
            keys.put((String) id, key);
        });
        return new Keyring(keys, current);
    }

    @Override
    public String toString() {
        return "Keyring[" + keys.size() + " keys, current " + current + "]";
    }

    private static String newId() {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        return "k-" + HexFormat.of().formatHex(id);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }
}
