package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code aws} provider end to end: a connection logged in from the environment, then
 * {@code authsome run} children (curl, Python's urllib, the AWS CLI, the JDK's HttpClient) that
 * call AWS hosts with placeholder credentials or none, and a loopback stand-in for AWS
 * ({@link AwsUpstream}) that recomputes every signature with botocore and refuses any that
 * differs. The AWS host names are pinned to 127.0.0.1 with {@code proxy.resolve}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSigV4IT {
    static final String KEY_ID = "AKIAZ7Q4EXAMPLE4KEY2";
    static final String SECRET = "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";
    static final String TEMP_KEY_ID = "ASIAZ7Q4EXAMPLETEMP9";
    static final String TEMP_SECRET = "Xk3/9fLq+2RzT8wYvB1nHc6JdM0sPaE4GuK7iO5t";
    static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTokenFromSts0000000000000000B/+abc==";
    static final String BUCKET = "authsome-it.s3.us-west-2.amazonaws.com";
    static final String S3 = "s3.us-west-2.amazonaws.com";
    static final String SQS = "sqs.eu-west-1.amazonaws.com";
    static final String DYNAMODB = "dynamodb.eu-central-1.amazonaws.com";
    static final String STS_GLOBAL = "sts.amazonaws.com";
    /** Its server clock runs 20 minutes ahead. */
    static final String SKEWED = "sts.ap-southeast-2.amazonaws.com";
    static final List<String> HOSTS = List.of(BUCKET, S3, SQS, DYNAMODB, STS_GLOBAL, SKEWED);
    private static final Path CLIENTS = Path.of("src/test/resources/aws").toAbsolutePath();
    private static final int FIVE_MIB = 5 * 1024 * 1024;

    @TempDir
    static Path temp;
    TestCa ca;
    AwsUpstream upstream;
    Authsome authsome;

    @BeforeAll
    void setUp() throws Exception {
        ca = TestCa.create(HOSTS);
        upstream = AwsUpstream.start(ca, temp.resolve("upstream"), List.of(new AwsUpstream.Key(KEY_ID, SECRET, null),
                new AwsUpstream.Key(TEMP_KEY_ID, TEMP_SECRET, TOKEN)), List.of(SKEWED), 20 * 60);
        authsome = home(temp.resolve("home"));
        login(authsome, KEY_ID, SECRET, null);
        login(authsome, TEMP_KEY_ID, TEMP_SECRET, TOKEN, "--connection", "temp");
    }

    /** After every request: no secret in the audit log or the daemon's log of either home. */
    @AfterAll
    void tearDown() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
        for (Path home : List.of(temp.resolve("home"), temp.resolve("skew-home"))) {
            for (Path log : List.of(home.resolve("audit.log"), home.resolve("logs/daemon.log"))) {
                if (Files.exists(log)) {
                    assertNoSecret(Files.readString(log));
                }
            }
        }
    }

    /** A home whose proxy trusts the test CA and finds the AWS hosts on 127.0.0.1; no AWS configuration of the user's. */
    private Authsome home(Path home) throws Exception {
        String resolve = HOSTS.stream().map(host -> "\"" + host + "\": \"127.0.0.1\"")
                .collect(Collectors.joining(", ", "\"resolve\": {", "}"));
        return RunProxyIT.home(home, ca, resolve, "").with("AWS_CONFIG_FILE", "/dev/null")
                .with("AWS_SHARED_CREDENTIALS_FILE", "/dev/null").with("AWS_EC2_METADATA_DISABLED", "true");
    }

    /** Logs in to aws from the environment, as a script would. */
    private static void login(Authsome home, String keyId, String secret, String token, String... flags) {
        home.with("AWS_ACCESS_KEY_ID", keyId).with("AWS_SECRET_ACCESS_KEY", secret);
        if (token != null) {
            home.with("AWS_SESSION_TOKEN", token);
        }
        List<String> args = new java.util.ArrayList<>(List.of("login", "aws"));
        args.addAll(List.of(flags));
        Authsome.Run login = home.run(args.toArray(String[]::new));
        home.without("AWS_ACCESS_KEY_ID").without("AWS_SECRET_ACCESS_KEY").without("AWS_SESSION_TOKEN");
        assertEquals(0, login.exitCode(), login.toString());
        assertNoSecret(login.out() + login.err());
    }

    private String url(String host, String pathAndQuery) {
        return "https://" + host + ":" + upstream.port() + pathAndQuery;
    }

    private Authsome.Run run(Authsome home, String... args) {
        Authsome.Run run = home.run(args);
        assertNoSecret(run.out() + run.err());
        return run;
    }

    private static void assertNoSecret(String text) {
        for (String secret : List.of(SECRET, TEMP_SECRET, TOKEN)) {
            assertFalse(text.contains(secret), "a secret in: " + text);
        }
    }

    /** The answers of the upstream, one JSON object a line, each checked to be a 200 echo. */
    private static List<JsonNode> answers(Authsome.Run run, int count) throws Exception {
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> answers;
        try {
            answers = RunProxyIT.lines(run);
        } catch (java.io.IOException e) {
            throw new AssertionError("an answer is not the upstream's echo: " + run, e);
        }
        assertEquals(count, answers.size(), run.toString());
        for (JsonNode answer : answers) {
            assertTrue(answer.has("signed_headers"), "refused: " + answer + "\n" + run);
        }
        return answers;
    }

    private static void assertScope(JsonNode answer, String service, String region) {
        assertEquals(service, answer.path("service").asText(), answer.toString());
        assertEquals(region, answer.path("region").asText(), answer.toString());
    }

    @Test
    void curlRequestsWithoutCredentialsOrSignedWithThePlaceholdersAreSigned() throws Exception {
        // The first over HTTP/1.1: a field value that ends in a space is malformed in HTTP/2 (RFC 9113 8.2.1)
        Authsome.Run run = run(authsome, "run", "--", "sh", "-c",
                "curl -sS --http1.1 -H 'X-Note: one' -H 'X-Note:   two   words ' '"
                        + url(SQS, "/?Version=2012-11-05&Action=ListQueues&QueueNamePrefix=a%2Fb%20c&Attribute.1=~*!&empty=")
                        + "'; echo; curl -sS --aws-sigv4 'aws:amz:eu-west-1:sqs' --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" '"
                        + url(SQS, "/?Action=ListQueues") + "'; echo; curl -sS -X POST -d '' '"
                        + url(STS_GLOBAL, "/?Action=GetCallerIdentity&Version=2011-06-15") + "'; echo");
        List<JsonNode> answers = answers(run, 3);
        assertScope(answers.get(0), "sqs", "eu-west-1");
        assertEquals("Version=2012-11-05&Action=ListQueues&QueueNamePrefix=a%2Fb%20c&Attribute.1=~*!&empty=",
                answers.get(0).path("query").asText(), "the query reaches AWS as the client sent it");
        assertEquals("[\"one\",\"two   words\"]", answers.get(0).path("headers").path("x-note").toString());
        assertTrue(answers.get(0).path("signed_headers").toString().contains("x-note"));
        assertScope(answers.get(1), "sqs", "eu-west-1");
        assertScope(answers.get(2), "sts", "us-east-1");
        assertEquals(0, answers.get(2).path("body_length").asInt(), "an empty body");
        JsonNode audited = RunProxyIT.proxyRequests(authsome, 3).get(2);
        assertEquals("aws", audited.path("provider").asText(), audited.toString());
        assertEquals(200, audited.path("status").asInt(), audited.toString());
    }

    @Test
    void theAwsCliSignsWithThePlaceholdersAndTheProxyReplacesItsSignature() throws Exception {
        Path file = randomFile("cli-upload.bin", FIVE_MIB);
        Path downloaded = temp.resolve("cli-download.json");
        String cli = "aws --region %s --endpoint-url https://%s:" + upstream.port() + " ";
        // The AWS CLI trusts AWS_CA_BUNDLE only, which run sets like the other CA variables.
        Authsome.Run run = run(authsome, "run", "--", "sh", "-c", String.format(cli, "eu-central-1", DYNAMODB) + "dynamodb list-tables > /dev/null; echo \"exit $?\"; "
                        + String.format(cli, "us-west-2", S3) + "s3api put-object --bucket authsome-it --key 'reports/a b+c.bin'"
                        + " --body '" + file + "' > /dev/null; echo \"exit $?\"; "
                        + String.format(cli, "us-west-2", S3) + "s3api get-object --bucket authsome-it --key 'x/y z~'"
                        + " '" + downloaded + "' > /dev/null; echo \"exit $?\"");
        assertEquals("exit 0\nexit 0\nexit 0", run.out().strip(), run.toString());
        JsonNode echo = RunProxyIT.JSON.readTree(Files.readString(downloaded));
        assertScope(echo, "s3", "us-west-2");
        assertTrue(echo.path("path").asText().endsWith("/x/y%20z~"), echo.toString());
        List<JsonNode> requests = RunProxyIT.proxyRequests(authsome, 3);
        JsonNode upload = requests.stream().filter(event -> event.path("method").asText().equals("PUT")).findFirst()
                .orElseThrow(() -> new AssertionError("no upload in " + requests));
        assertEquals(200, upload.path("status").asInt(), upload.toString());
    }

    @Test
    void aFiveMebibyteUploadStreamsToS3WithAnUnsignedPayload() throws Exception {
        Path file = randomFile("upload.bin", FIVE_MIB);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        Authsome.Run run = run(authsome, "run", "--", "sh", "-c", "curl -sS -T '" + file + "' '"
                + url(BUCKET, "/big/upload.bin") + "'; echo; curl -sS -T - '" + url(BUCKET, "/big/chunked.bin")
                + "' < '" + file + "'; echo");
        List<JsonNode> answers = answers(run, 2);
        for (JsonNode answer : answers) {
            assertScope(answer, "s3", "us-west-2");
            assertEquals("UNSIGNED-PAYLOAD", answer.path("content_sha256").asText());
            assertEquals(FIVE_MIB, answer.path("body_length").asInt());
            assertEquals(sha256, answer.path("body_sha256").asText());
        }
        assertFalse(answers.get(0).path("chunked").asBoolean());
        assertTrue(answers.get(1).path("chunked").asBoolean(), "streamed as the client sent it, not held to be hashed");
    }

    @Test
    void pythonUrllibAndAJvmClientAreSigned() throws Exception {
        Authsome.Run python = run(authsome, "run", "--", "python3", CLIENTS.resolve("urllib_requests.py").toString(),
                url(SQS, ""), url(BUCKET, ""));
        List<JsonNode> answers = answers(python, 4);
        assertScope(answers.get(0), "sqs", "eu-west-1");
        assertScope(answers.get(1), "sqs", "eu-west-1");
        assertFalse(answers.get(1).path("chunked").asBoolean(), "a chunked body to hash is held and sent with its length");
        assertEquals(64 * 5 * 256, answers.get(1).path("body_length").asInt());
        assertScope(answers.get(2), "s3", "us-west-2");
        assertTrue(answers.get(2).path("chunked").asBoolean(), "an S3 body streams on chunked");
        assertEquals(64 * 5 * 256, answers.get(2).path("body_length").asInt());
        assertEquals("list-type=2&prefix=a%2Fb&start-after=x%20y", answers.get(3).path("query").asText());

        Authsome.Run java = run(authsome, "run", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CLIENTS.resolve("AwsJavaClient.java").toString(), url(DYNAMODB, ""), url(BUCKET, ""));
        List<JsonNode> jvm = answers(java, 2);
        assertScope(jvm.get(0), "dynamodb", "eu-central-1");
        assertTrue(jvm.get(0).path("signed_headers").toString().contains("x-amz-target"), jvm.get(0).toString());
        assertScope(jvm.get(1), "s3", "us-west-2");
        assertEquals("/keys/caf%C3%A9%20menu.txt", jvm.get(1).path("path").asText());
    }

    @Test
    void temporaryCredentialsSendTheirSessionToken() throws Exception {
        Authsome.Run run = run(authsome, "run", "--connection", "aws=temp", "--", "curl", "-sS",
                url(SQS, "/?Action=ListQueues"));
        JsonNode answer = answers(run, 1).get(0);
        assertTrue(answer.path("signed_headers").toString().contains("x-amz-security-token"), answer.toString());
    }

    @Test
    void aSkewedServerClockIsLearntFromItsRefusalAndTheRequestSentAgain() throws Exception {
        Authsome skewed = home(temp.resolve("skew-home"));
        login(skewed, KEY_ID, SECRET, null);
        String post = "curl -sS -X POST -H 'Content-Type: application/x-www-form-urlencoded' -d '%s' '%s'; echo; ";
        Authsome.Run run = run(skewed, "run", "--", "sh", "-c",
                String.format(post, "Action=GetCallerIdentity&Version=2011-06-15", url(SKEWED, "/"))
                        + String.format(post, "Action=GetCallerIdentity&Version=2011-06-15", url(SKEWED, "/"))
                        + String.format(post, "Action=ListQueues&Version=2012-11-05", url(SQS, "/")));
        List<JsonNode> answers = answers(run, 3);
        assertScope(answers.get(0), "sts", "ap-southeast-2");
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(answers.get(1).path("x_amz_date").asText(), Instant::from);
        Duration ahead = Duration.between(Instant.now(), signedAt);
        assertTrue(ahead.compareTo(Duration.ofMinutes(19)) > 0 && ahead.compareTo(Duration.ofMinutes(21)) < 0,
                "the second request is signed with the server's clock at once: " + ahead);
        List<JsonNode> events = RunProxyIT.proxyRequests(skewed, 3);
        assertEquals(List.of(true, false, true), events.stream()
                .map(event -> event.path("retried_after_refusal").asBoolean()).toList(), events.toString());
    }

    private static Path randomFile(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return Files.write(temp.resolve(name), bytes);
    }
}
