package io.authsome.provider.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.plugin.ConnectionFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signatures of the aws-sigv4 injector against botocore's (the AWS SDK for Python), computed from
 * the same requests: every service family, query strings with reserved characters, repeated and
 * untidy header fields, encoded and unusual paths, bodies, session tokens, ports.
 */
class BotocoreSignatureTest {
    static final String KEY_ID = "AKIAZ7Q4EXAMPLE4KEY2";
    static final String SECRET = "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";
    static final String TEMP_KEY_ID = "ASIAZ7Q4EXAMPLETEMP9";
    static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEtokenAAAAAAAAAAAAB/+sessiontoken==";

    private final AwsSigV4Injector injector = new AwsSigV4Injector();

    private record Case(TestRequest request, ConnectionFields fields) {
    }

    private static ConnectionFields longTerm(String region) {
        return region == null ? ConnectionFields.of("aws/default", Map.of("access_key_id", KEY_ID,
                "secret_access_key", SECRET))
                : ConnectionFields.of("aws/default", Map.of("access_key_id", KEY_ID, "secret_access_key", SECRET,
                "region", region));
    }

    private static ConnectionFields temporary() {
        return ConnectionFields.of("aws/temp", Map.of("access_key_id", TEMP_KEY_ID, "secret_access_key", SECRET,
                "session_token", TOKEN));
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        ConnectionFields key = longTerm(null);
        cases.add(new Case(TestRequest.to("GET", "ec2.us-east-1.amazonaws.com",
                "/?Action=DescribeInstances&Version=2016-11-15"), key));
        cases.add(new Case(TestRequest.to("POST", "sqs.eu-west-1.amazonaws.com", "/")
                .add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .add("X-Custom", "first").add("x-custom", "  second   value  ")
                .add("X-Spaces", "  a   b \t c  ")
                .body("Action=SendMessage&MessageBody=hello%20world&QueueUrl=x"), key));
        cases.add(new Case(TestRequest.to("GET", "dynamodb.us-west-2.amazonaws.com",
                "/?b=2&a=1&a=0&c=%2F%20x&d=a+b&e&f=&%E2%82%AC=euro&g=~*'()!&h=%7e&sp=a%20b&&=empty&amp=%26"), key));
        cases.add(new Case(TestRequest.to("POST", "lambda.us-east-1.amazonaws.com",
                "/2015-03-31/functions/my%20func:prod/invocations").body("{\"x\": 1}"), key));
        cases.add(new Case(TestRequest.to("GET", "logs.us-east-1.amazonaws.com", "/a/./b/../c//d/%2e%2E/e%2Fx/"), key));
        cases.add(new Case(TestRequest.to("PUT", "my.bucket.s3.us-west-2.amazonaws.com",
                "/dir%2Fkey+with:colon/é/~tilde/%7Elow").add("Content-Type", "text/plain").body("s3 body"), key));
        cases.add(new Case(TestRequest.to("GET", "s3.eu-central-1.amazonaws.com", "/bucket/a/../b/./c//d")
                .add("Range", "bytes=0-9"), key));
        cases.add(new Case(TestRequest.to("GET", "s3.us-east-1.amazonaws.com", "/bucket?list-type=2&prefix=a%2Fb&delimiter=%2F"),
                temporary()));
        cases.add(new Case(TestRequest.to("POST", "sts.amazonaws.com", "/").add("Content-Type", "application/x-www-form-urlencoded")
                .body("Action=GetCallerIdentity&Version=2011-06-15"), temporary()));
        cases.add(new Case(new TestRequest("GET", "sns.ap-south-1.amazonaws.com", 8443, "/", "Action=ListTopics")
                .add("Host", "sns.ap-south-1.amazonaws.com:8443"), key));
        cases.add(new Case(new TestRequest("GET", "kms.us-east-2.amazonaws.com", 443, "/", ""), key));
        cases.add(new Case(TestRequest.to("POST", "iam.amazonaws.com", "/"), key));
        cases.add(new Case(TestRequest.to("GET", "iam.amazonaws.com", "/?Action=ListUsers&Version=2010-05-08")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAPLACEHOLDER0000/20200101/us-east-1/iam/aws4_request,"
                        + " SignedHeaders=host, Signature=00")
                .add("X-Amz-Date", "20200101T000000Z").add("X-Amz-Security-Token", "placeholder")
                .add("User-Agent", "aws-cli/2").add("amz-sdk-request", "attempt=1"), key));
        cases.add(new Case(TestRequest.to("PUT", "bucket.s3.amazonaws.com", "/upload.bin")
                .add("X-Amz-Content-Sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .add("Content-Encoding", "aws-chunked").add("X-Amz-Trailer", "x-amz-checksum-crc32")
                .add("X-Amz-Decoded-Content-Length", "5").unhashed(), key));
        cases.add(new Case(TestRequest.to("GET", "bucket.s3-accelerate.amazonaws.com", "/k")
                .add("X-Amz-Content-Sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                longTerm("ap-northeast-2")));
        cases.add(new Case(TestRequest.to("POST", "monitoring.cn-north-1.amazonaws.com.cn", "/")
                .add("Content-Type", "application/x-amz-json-1.0").add("X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics")
                .add("Date", "Wed, 02 Dec 2026 22:30:00 GMT").body("{}"), key));
        cases.add(new Case(TestRequest.to("POST", "email.us-west-2.amazonaws.com", "/v2/email/outbound-emails")
                .add("X-Amz-Content-Sha256", "0000").body("{\"Content\": {}}"), key));
        return cases;
    }

    @Test
    void signaturesEqualBotocoresForTheSameRequests() throws Exception {
        List<Case> cases = cases();
        StringBuilder input = new StringBuilder();
        for (Case signed : cases) {
            injector.inject(signed.request(), signed.fields());
            input.append(json(signed)).append('\n');
        }
        List<String> answers = botocore(input.toString(), cases.size());
        for (int i = 0; i < cases.size(); i++) {
            TestRequest request = cases.get(i).request();
            String[] answer = answers.get(i).split("\t", 2);
            String ours = request.header("Authorization").get(0);
            assertEquals(answer[0], ours, () -> request + "\nbotocore's canonical request:\n"
                    + answer[1].replace("\\n", "\n") + "\nours:\n" + ourCanonicalRequest(request));
        }
    }

    @Test
    void theSignatureCoversTheBodyOutsideS3AndNotInS3() throws Exception {
        TestRequest json = TestRequest.to("POST", "dynamodb.us-east-1.amazonaws.com", "/").body("{\"a\": 1}");
        injector.inject(json, longTerm(null));
        assertTrue(injector.needsPayloadHash(json));
        TestRequest s3 = TestRequest.to("PUT", "b.s3.us-east-1.amazonaws.com", "/k").body("unread").unhashed();
        injector.inject(s3, longTerm(null));
        assertEquals(List.of("UNSIGNED-PAYLOAD"), s3.header("x-amz-content-sha256"));
    }

    private static String ourCanonicalRequest(TestRequest request) {
        boolean s3 = AwsEndpoint.of(request.host()).s3();
        String payload = s3 ? request.header("x-amz-content-sha256").get(0) : request.payloadSha256();
        return CanonicalRequest.of(request, s3, payload).text();
    }

    private List<String> botocore(String input, int count) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(Botocore.python(), Botocore.script("botocore_sign.py").toString()).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> {
            try {
                return Botocore.utf8(python.getErrorStream().readAllBytes());
            } catch (IOException e) {
                return e.toString();
            }
        });
        try (OutputStream in = python.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(count, lines.size(), () -> "botocore answered " + lines + "\n" + errors.join());
        return lines;
    }

    /** The case as botocore_sign.py reads it: the request as signed, the credentials, the scope. */
    private static String json(Case signed) {
        TestRequest request = signed.request();
        String authorization = request.header("Authorization").get(0);
        String scope = authorization.substring(authorization.indexOf('/') + 1, authorization.indexOf(','));
        String[] parts = scope.split("/");
        StringBuilder headers = new StringBuilder("[");
        for (String[] field : request.fields()) {
            headers.append(headers.length() > 1 ? "," : "").append('[').append(quote(field[0])).append(',')
                    .append(quote(field[1])).append(']');
        }
        headers.append(']');
        ConnectionFields fields = signed.fields();
        return "{\"method\":" + quote(request.method()) + ",\"host\":" + quote(request.host()) + ",\"port\":"
                + request.port() + ",\"raw_path\":" + quote(request.rawPath()) + ",\"raw_query\":"
                + quote(request.rawQuery()) + ",\"headers\":" + headers + ",\"body_base64\":"
                + quote(Base64.getEncoder().encodeToString(request.bodyBytes())) + ",\"amz_date\":"
                + quote(request.header("X-Amz-Date").get(0)) + ",\"access_key_id\":"
                + quote(fields.require("access_key_id")) + ",\"secret_access_key\":"
                + quote(fields.require("secret_access_key")) + ",\"session_token\":"
                + fields.get("session_token").map(BotocoreSignatureTest::quote).orElse("null") + ",\"region\":"
                + quote(parts[1]) + ",\"service\":" + quote(parts[2]) + ",\"s3\":"
                + AwsEndpoint.of(request.host()).s3() + "}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
