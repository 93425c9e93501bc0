package io.authsome.provider.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signer against the worked examples of AWS's documentation, and the canonical request's parts. */
class RequestSignerTest {
    private final RequestSigner signer = new RequestSigner();

    @Test
    void theIamListUsersExampleOfTheSigV4Documentation() {
        TestRequest request = TestRequest.to("GET", "iam.amazonaws.com", "/?Action=ListUsers&Version=2010-05-08")
                .add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        signer.sign(request, new RequestSigner.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                null), new AwsEndpoint("iam", "us-east-1", false), Instant.parse("2015-08-30T12:36:00Z"),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertEquals(List.of("20150830T123600Z"), request.header("x-amz-date"));
        assertEquals(List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
                + " SignedHeaders=content-type;host;x-amz-date,"
                + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"), request.header("authorization"));
    }

    @Test
    void theS3GetObjectExampleOfTheS3Documentation() {
        TestRequest request = TestRequest.to("GET", "examplebucket.s3.amazonaws.com", "/test.txt")
                .add("Range", "bytes=0-9")
                .add("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        signer.sign(request, new RequestSigner.Credentials("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null), new AwsEndpoint("s3", "us-east-1", true),
                Instant.parse("2013-05-24T00:00:00Z"), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertEquals(List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), request.header("authorization"));
    }

    @Test
    void pathsAreEncodedTwiceAndNormalisedOutsideS3AndOnceAsTheyAreInS3() {
        assertEquals("/my%2520func%253Aprod/a/", CanonicalRequest.uri("/my%20func:prod/x/../a/./", false));
        assertEquals("/my%20func%3Aprod/x/../a/./", CanonicalRequest.uri("/my%20func:prod/x/../a/./", true));
        assertEquals("/key%2Fwith/%C3%A9/~/~", UriEncoding.canonical("/key%2fwith/é/~/%7E", true));
        assertEquals("/", CanonicalRequest.uri("", false));
        assertEquals("/", CanonicalRequest.uri("//./..", false));
        assertEquals("/a%25zz", CanonicalRequest.uri("/a%zz", true), "a stray % is a literal percent sign");
    }

    @Test
    void queryParametersAreEncodedAndSortedByNameThenValue() {
        assertEquals("a=0&a=1&b=&c=%2F%20x&d=a%2Bb&g=~%2A%27%28%29%21",
                CanonicalRequest.query("d=a+b&b&c=%2f%20x&a=1&&a=0&g=~*'()!"));
        assertEquals("", CanonicalRequest.query(""));
        assertEquals("%E2%82%AC=%E2%82%AC", CanonicalRequest.query("€=%e2%82%ac"));
    }

    @Test
    void repeatedAndUntidyFieldsAreJoinedAndTrimmedAndFramingFieldsAreNotSigned() {
        TestRequest request = TestRequest.to("PUT", "s3.us-east-1.amazonaws.com", "/b/k")
                .add("X-Amz-Meta-Tag", "  one   two ").add("x-amz-meta-tag", "three\t\tfour")
                .add("Content-Length", "5").add("Transfer-Encoding", "chunked").add("User-Agent", "curl/8")
                .add("Expect", "100-continue");
        CanonicalRequest canonical = CanonicalRequest.of(request, true, "UNSIGNED-PAYLOAD");
        assertEquals("host;x-amz-meta-tag", canonical.signedHeaders());
        assertTrue(canonical.text().contains("\nx-amz-meta-tag:one two,three four\n"), canonical.text());
        assertFalse(canonical.text().contains("content-length"));
    }

    @Test
    void aRequestWithoutHostFieldSignsTheHostAndANonDefaultPort() {
        TestRequest request = new TestRequest("GET", "sqs.us-east-1.amazonaws.com", 8443, "/", "");
        assertTrue(CanonicalRequest.of(request, false, "x").text().contains("\nhost:sqs.us-east-1.amazonaws.com:8443\n"));
    }

    @Test
    void signingKeysAreKeptPerScopeAndANewSecretIsNotServedAnOldKey() {
        SigningKeys keys = new SigningKeys();
        byte[] first = keys.key("AKIA", "secret-one", "20261202", "us-east-1", "s3");
        assertTrue(first == keys.key("AKIA", "secret-one", "20261202", "us-east-1", "s3"), "the same key object, cached");
        byte[] rotated = keys.key("AKIA", "secret-two", "20261202", "us-east-1", "s3");
        assertFalse(java.util.Arrays.equals(first, rotated));
        assertEquals(java.util.HexFormat.of().formatHex(SigningKeys.derive("secret-two", "20261202", "us-east-1", "s3")),
                java.util.HexFormat.of().formatHex(rotated));
    }

    @Test
    void theAmzDateIsUtcToTheSecond() {
        assertEquals("20261231T235959Z", RequestSigner.amzDate(Instant.parse("2026-12-31T23:59:59.999Z")));
        assertEquals("20260101T000000Z", RequestSigner.amzDate(Instant.parse("2026-01-01T00:00:00Z")));
    }
}
