package io.authsome.provider.aws.internal;

import io.authsome.api.plugin.OutgoingRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Signs a request with AWS Signature Version 4 in the {@code Authorization} header, replacing
 * the credential fields a client set with its own (placeholder) key: {@code Authorization},
 * {@code X-Amz-Date} and {@code X-Amz-Security-Token}. Thread-safe.
 */
final class RequestSigner {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private final SigningKeys keys = new SigningKeys();

    /** The credentials that sign: never printed ({@link #toString()} shows the key id only). */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Credentials[" + accessKeyId + "]";
        }
    }

    /**
     * Sets the signature headers of {@code request}.
     *
     * @param scope       the service and region to sign for (region resolved)
     * @param time        the time to sign with
     * @param payloadHash the body's SHA-256 in hex, or the {@code x-amz-content-sha256} value S3 was given
     */
    void sign(OutgoingRequest request, Credentials credentials, AwsEndpoint scope, Instant time, String payloadHash) {
        String amzDate = amzDate(time);
        String date = amzDate.substring(0, 8);
        request.removeHeader("Authorization");
        request.setHeader("X-Amz-Date", amzDate);
        if (credentials.sessionToken() != null) {
            request.setHeader("X-Amz-Security-Token", credentials.sessionToken());
        } else {
            request.removeHeader("X-Amz-Security-Token");
        }
        CanonicalRequest canonical = CanonicalRequest.of(request, scope.s3(), payloadHash);
        String credentialScope = date + '/' + scope.region() + '/' + scope.service() + "/aws4_request";
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + credentialScope + '\n'
                + Hashing.hex(Hashing.sha256(canonical.text()));
        byte[] key = keys.key(credentials.accessKeyId(), credentials.secretAccessKey(), date, scope.region(),
                scope.service());
        String signature = Hashing.hex(Hashing.hmac(key, stringToSign));
        request.setHeader("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + '/'
                + credentialScope + ", SignedHeaders=" + canonical.signedHeaders() + ", Signature=" + signature);
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    static String amzDate(Instant time) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] out = new char[16];
        digits(out, 0, utc.getYear(), 4);
        digits(out, 4, utc.getMonthValue(), 2);
        digits(out, 6, utc.getDayOfMonth(), 2);
        out[8] = 'T';
        digits(out, 9, utc.getHour(), 2);
        digits(out, 11, utc.getMinute(), 2);
        digits(out, 13, utc.getSecond(), 2);
        out[15] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
