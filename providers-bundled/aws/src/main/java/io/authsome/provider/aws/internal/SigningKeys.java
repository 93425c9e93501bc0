package io.authsome.provider.aws.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SigV4 signing keys derived from a secret access key, one per day, region and service,
 * kept so that a request costs one HMAC instead of five. What is kept is the derived key (good
 * for that day, region and service only) and a SHA-256 of the secret to tell a changed secret
 * apart, never the secret. Bounded; thread-safe.
 */
final class SigningKeys {
    private static final int LIMIT = 512;
    private final Map<Scope, Entry> keys = new ConcurrentHashMap<>();

    private record Scope(String accessKeyId, String date, String region, String service) {
    }

    private record Entry(byte[] secretDigest, byte[] key) {
    }

    /** The key that signs for {@code date} ({@code yyyyMMdd}), {@code region} and {@code service}. */
    byte[] key(String accessKeyId, String secret, String date, String region, String service) {
        Scope scope = new Scope(accessKeyId, date, region, service);
        byte[] digest = Hashing.sha256(secret);
        Entry entry = keys.get(scope);
        if (entry != null && MessageDigest.isEqual(entry.secretDigest, digest)) {
            return entry.key;
        }
        byte[] key = derive(secret, date, region, service);
        if (keys.size() >= LIMIT) {
            keys.clear(); // days roll over and connections change: start again rather than track age
        }
        keys.put(scope, new Entry(digest, key));
        return key;
    }

    /** AWS's derivation: HMAC chain over the date, region, service and {@code aws4_request}. */
    static byte[] derive(String secret, String date, String region, String service) {
        byte[] dateKey = Hashing.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] regionKey = Hashing.hmac(dateKey, region);
        byte[] serviceKey = Hashing.hmac(regionKey, service);
        return Hashing.hmac(serviceKey, "aws4_request");
    }
}
