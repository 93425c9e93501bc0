package io.authsome.provider.aws.internal;

import io.authsome.api.plugin.InjectionException;
import io.authsome.api.plugin.OutgoingRequest;
import java.util.List;

/**
 * Which requests get a signature, and what S3 is told of the body. A request already signed by
 * its query (a presigned URL) or carrying another kind of credential ({@code Basic} or
 * {@code Bearer}, as ECR's registry and CodeArtifact take) keeps it; so does one to a host under
 * {@code amazonaws.com} that serves the account's own content rather than an AWS API (load
 * balancers, EC2 instances' public names, S3 website endpoints), which must never see the key's
 * signature. Any other request, without credentials or signed by the client with its placeholder
 * key ({@code AWS4-HMAC-SHA256}, or the older {@code AWS} scheme), gets the connection's signature.
 */
final class SigningPolicy {
    static final String CONTENT_SHA256 = "X-Amz-Content-Sha256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** aws-chunked uploads with trailing checksums and no chunk signatures (botocore's default over HTTPS). */
    static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private SigningPolicy() {
    }

    /** Host name endings of the account's own servers, which are no AWS API. */
    private static final String[] CONTENT_HOSTS = {".elb.amazonaws.com", ".compute.amazonaws.com",
        ".compute-1.amazonaws.com", ".elb.amazonaws.com.cn", ".compute.amazonaws.com.cn"};

    /** Whether the request is one to sign. */
    static boolean signs(OutgoingRequest request) {
        String host = request.host();
        for (String ending : CONTENT_HOSTS) {
            if (host.endsWith(ending)) {
                return false;
            }
        }
        if (host.startsWith("s3-website") || host.contains(".s3-website")) {
            return false;
        }
        String query = request.rawQuery();
        if (query.contains("X-Amz-Signature=") || query.contains("X-Amz-Credential=")) {
            return false;
        }
        List<String> authorization = request.header("Authorization");
        if (authorization.isEmpty()) {
            return true;
        }
        String value = authorization.get(0);
        return value.startsWith(RequestSigner.ALGORITHM) || value.startsWith("AWS ");
    }

    /**
     * What an S3 request's {@code x-amz-content-sha256} says, set on the request: the client's
     * own hash of its body (S3 checks the body against it) or its unsigned streaming mode kept as
     * they are, anything else replaced by {@code UNSIGNED-PAYLOAD}, so that the body streams through
     * the proxy unread.
     *
     * @throws InjectionException for an upload whose every chunk the client signed with its
     *                            placeholder key ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}): those
     *                            signatures are in the body, which the proxy does not rewrite
     */
    static String s3PayloadHash(OutgoingRequest request) throws InjectionException {
        List<String> claimed = request.header(CONTENT_SHA256);
        String value = claimed.isEmpty() ? "" : claimed.get(0).trim();
        if (isSha256Hex(value) || value.equals(UNSIGNED_PAYLOAD) || value.equals(STREAMING_UNSIGNED_TRAILER)) {
            request.setHeader(CONTENT_SHA256, value);
            return value;
        }
        if (value.startsWith("STREAMING-")) {
            throw new InjectionException("the client signed each chunk of its S3 upload itself (" + value
                    + "), which only works with its own key; have it send unsigned payloads (for the AWS SDKs, the"
                    + " default over HTTPS) or a plain body");
        }
        request.setHeader(CONTENT_SHA256, UNSIGNED_PAYLOAD);
        return UNSIGNED_PAYLOAD;
    }

    private static boolean isSha256Hex(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
