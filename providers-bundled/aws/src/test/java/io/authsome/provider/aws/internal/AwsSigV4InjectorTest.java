package io.authsome.provider.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.CredentialInjector.Refusal;
import io.authsome.api.plugin.InjectionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the injector does to whole requests: which it signs, what it replaces, what it refuses. */
class AwsSigV4InjectorTest {
    private static final String SECRET = BotocoreSignatureTest.SECRET;
    private static final String TOKEN = BotocoreSignatureTest.TOKEN;
    private final AwsSigV4Injector injector = new AwsSigV4Injector();
    private final ConnectionFields key = ConnectionFields.of("aws/default",
            Map.of("access_key_id", BotocoreSignatureTest.KEY_ID, "secret_access_key", SECRET));
    private final ConnectionFields temporary = ConnectionFields.of("aws/temp", Map.of("access_key_id",
            BotocoreSignatureTest.TEMP_KEY_ID, "secret_access_key", SECRET, "session_token", TOKEN));

    private static String authorization(TestRequest request) {
        List<String> values = request.header("authorization");
        assertEquals(1, values.size(), request.toString());
        return values.get(0);
    }

    @Test
    void theClientsPlaceholderSignatureIsReplaced() throws Exception {
        TestRequest request = TestRequest.to("GET", "sts.us-east-1.amazonaws.com", "/?Action=GetCallerIdentity")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAPLACEHOLDER/20200101/us-east-1/sts/aws4_request, "
                        + "SignedHeaders=host, Signature=00").add("X-Amz-Date", "20200101T000000Z")
                .add("X-Amz-Security-Token", "authsome-proxy-managed");
        injector.inject(request, temporary);
        assertTrue(authorization(request).startsWith("AWS4-HMAC-SHA256 Credential=" + BotocoreSignatureTest.TEMP_KEY_ID
                + "/20261202/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature="),
                authorization(request));
        assertEquals(List.of("20261202T223000Z"), request.header("x-amz-date"));
        assertEquals(List.of(TOKEN), request.header("x-amz-security-token"));

        TestRequest longTerm = TestRequest.to("GET", "sts.us-east-1.amazonaws.com", "/")
                .add("X-Amz-Security-Token", "authsome-proxy-managed");
        injector.inject(longTerm, key);
        assertEquals(List.of(), longTerm.header("x-amz-security-token"), "a long-term key sends no token");
    }

    @Test
    void presignedUrlsOtherSchemesAndTheAccountsOwnServersAreLeftAlone() throws Exception {
        TestRequest presigned = TestRequest.to("GET", "b.s3.us-east-1.amazonaws.com",
                "/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261202&X-Amz-Signature=ab");
        TestRequest basic = TestRequest.to("GET", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "/v2/")
                .add("Authorization", "Basic QVdTOnRva2Vu");
        TestRequest bearer = TestRequest.to("GET", "d-1.d.codeartifact.us-east-1.amazonaws.com", "/maven/r/")
                .add("Authorization", "Bearer artifact-token");
        TestRequest balancer = TestRequest.to("GET", "my-app-1234.us-east-1.elb.amazonaws.com", "/");
        TestRequest instance = TestRequest.to("GET", "ec2-54-1-2-3.compute-1.amazonaws.com", "/");
        TestRequest website = TestRequest.to("GET", "site.s3-website-us-east-1.amazonaws.com", "/");
        for (TestRequest request : List.of(presigned, basic, bearer, balancer, instance, website)) {
            String before = request.fields().stream().map(f -> f[0] + ":" + f[1]).toList().toString();
            assertFalse(injector.needsPayloadHash(request));
            injector.inject(request, key);
            assertEquals(before, request.fields().stream().map(f -> f[0] + ":" + f[1]).toList().toString());
        }
    }

    @Test
    void s3KeepsTheClientsOwnBodyHashOrUnsignedModeAndGetsUnsignedPayloadOtherwise() throws Exception {
        String hash = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
        for (String claimed : List.of(hash, "UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")) {
            TestRequest request = TestRequest.to("PUT", "b.s3.us-east-1.amazonaws.com", "/k")
                    .add("x-amz-content-sha256", claimed).unhashed();
            injector.inject(request, key);
            assertEquals(List.of(claimed), request.header("x-amz-content-sha256"));
        }
        for (String other : List.of("", "garbage", "2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE")) {
            TestRequest request = TestRequest.to("PUT", "b.s3.us-east-1.amazonaws.com", "/k").unhashed();
            if (!other.isEmpty()) {
                request.add("x-amz-content-sha256", other);
            }
            assertFalse(injector.needsPayloadHash(request));
            injector.inject(request, key);
            assertEquals(List.of("UNSIGNED-PAYLOAD"), request.header("x-amz-content-sha256"));
        }
    }

    @Test
    void chunkSignedUploadsAreRefusedWithAClearMessage() {
        TestRequest request = TestRequest.to("PUT", "b.s3.us-east-1.amazonaws.com", "/k")
                .add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD").unhashed();
        InjectionException refusal = assertThrows(InjectionException.class, () -> injector.inject(request, key));
        assertTrue(refusal.getMessage().contains("unsigned payloads"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains(SECRET));
    }

    @Test
    void otherServicesSignTheBodyHashAndCorrectAClaimedOne() throws Exception {
        TestRequest request = TestRequest.to("POST", "glacier.us-east-1.amazonaws.com", "/-/vaults/v/archives")
                .add("x-amz-content-sha256", "0000").body("foo");
        assertTrue(injector.needsPayloadHash(request));
        injector.inject(request, key);
        assertEquals(List.of("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"),
                request.header("x-amz-content-sha256"));
        assertThrows(IllegalStateException.class, () -> injector.inject(
                TestRequest.to("POST", "sqs.us-east-1.amazonaws.com", "/").unhashed(), key),
                "the SPI's contract: no hash was asked for, none can be read");
    }

    @Test
    void theConnectionsRegionSignsForHostsThatNameNone() throws Exception {
        ConnectionFields withRegion = ConnectionFields.of("aws/eu", Map.of("access_key_id", BotocoreSignatureTest.KEY_ID,
                "secret_access_key", SECRET, "region", "eu-west-3"));
        TestRequest accelerated = TestRequest.to("GET", "b.s3-accelerate.amazonaws.com", "/k");
        injector.inject(accelerated, withRegion);
        assertTrue(authorization(accelerated).contains("/eu-west-3/s3/aws4_request"), authorization(accelerated));
        TestRequest global = TestRequest.to("GET", "iam.amazonaws.com", "/");
        injector.inject(global, withRegion);
        assertTrue(authorization(global).contains("/us-east-1/iam/aws4_request"), "a global service keeps its region");
        TestRequest unknown = TestRequest.to("GET", "b.s3-accelerate.amazonaws.com", "/k");
        injector.inject(unknown, key);
        assertTrue(authorization(unknown).contains("/us-east-1/s3/aws4_request"), authorization(unknown));
    }

    @Test
    void aConnectionWithoutItsKeyIsRefusedWithAClearMessage() {
        InjectionException refusal = assertThrows(InjectionException.class, () -> injector.inject(
                TestRequest.to("GET", "sqs.us-east-1.amazonaws.com", "/").body(""),
                ConnectionFields.of("aws/broken", Map.of("access_key_id", BotocoreSignatureTest.KEY_ID))));
        assertEquals("the connection aws/broken has no secret_access_key; log in to aws again", refusal.getMessage());
    }

    @Test
    void aHostOutsideAwsIsRefused() {
        InjectionException refusal = assertThrows(InjectionException.class,
                () -> injector.inject(TestRequest.to("GET", "example.com", "/"), key));
        assertTrue(refusal.getMessage().contains("example.com"), refusal.getMessage());
    }

    @Test
    void aSkewedClockIsCorrectedForTheRetryAndTheRequestsThatFollow() throws Exception {
        TestRequest first = TestRequest.to("GET", "b.s3.us-east-1.amazonaws.com", "/k");
        injector.inject(first, key);
        assertEquals(List.of("20261202T223000Z"), first.header("x-amz-date"));
        assertTrue(injector.retry(first, new Refusal(403, Map.of("date", List.of("Wed, 02 Dec 2026 22:50:00 GMT")),
                "<Error><Code>RequestTimeTooSkewed</Code></Error>")));
        injector.inject(first, key);
        assertEquals(List.of("20261202T225000Z"), first.header("x-amz-date"));
        TestRequest later = TestRequest.to("GET", "sqs.us-east-1.amazonaws.com", "/")
                .at(Instant.parse("2026-12-02T23:00:00Z"));
        injector.inject(later, key);
        assertEquals(List.of("20261202T232000Z"), later.header("x-amz-date"));
        assertFalse(injector.retry(later, new Refusal(403, Map.of(), "<Code>AccessDenied</Code>")));
    }

    @Test
    void noSecretReachesHeadersOtherThanTheTokenNorAnyText() throws Exception {
        TestRequest request = TestRequest.to("POST", "sqs.us-east-1.amazonaws.com", "/").body("x");
        injector.inject(request, temporary);
        for (String[] field : request.fields()) {
            assertFalse(field[1].contains(SECRET), field[0]);
        }
        RequestSigner.Credentials credentials = new RequestSigner.Credentials("AKIA", SECRET, TOKEN);
        assertFalse(credentials.toString().contains(SECRET) || credentials.toString().contains(TOKEN));
        assertFalse(temporary.toString().contains(SECRET));
    }
}
