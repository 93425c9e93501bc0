import io.authsome.api.plugin.ConnectionFields;
import io.authsome.api.plugin.OutgoingRequest;
import io.authsome.provider.aws.internal.AwsSigV4Injector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cost of signing one small request with the aws provider's SigV4 injector, in process, as
 * the proxy calls it (needsPayloadHash, then inject on a request whose placeholder signature it
 * replaces). Run by bench/sigv4.sh with the built classes on the class path. Prints the median
 * of several rounds after a warm-up, for an SQS query request (body hash given, as the proxy
 * computes it while reading), an S3 GET (UNSIGNED-PAYLOAD), and the first request of a day,
 * region or service (signing key derived, not cached); then the throughput of two threads.
 */
public class SigV4Bench {
    private static final ConnectionFields KEY = ConnectionFields.of("aws/bench", Map.of(
            "access_key_id", "AKIAZ7Q4EXAMPLE4KEY2", "secret_access_key", "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"));
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final AwsSigV4Injector INJECTOR = new AwsSigV4Injector();

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Instant now = Instant.now();
        System.out.printf(Locale.ROOT, "%-44s %10s%n", "median of 7 rounds of " + iterations, "µs/request");
        row("SQS GET ?Action=ListQueues (hash given)", iterations,
                i -> new Request("GET", "sqs.us-east-1.amazonaws.com", "/", "Action=ListQueues&Version=2012-11-05", now));
        row("S3 GET virtual-hosted (UNSIGNED-PAYLOAD)", iterations,
                i -> new Request("GET", "my-bucket.s3.us-west-2.amazonaws.com", "/reports/2026/12/summary.json", "", now));
        row("first request of a day (key derived)", iterations / 10,
                i -> new Request("GET", "sqs.us-east-1.amazonaws.com", "/", "Action=ListQueues&Version=2012-11-05",
                        now.plusSeconds(86_400L * i)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < iterations; i++) {
                    sign(new Request("GET", "sqs.us-east-1.amazonaws.com", "/", "Action=ListQueues&Version=2012-11-05",
                            now));
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%-44s %10.0f%n", "2 threads, requests/s", 2 * iterations / seconds);
    }

    private interface Requests {
        Request make(int i);
    }

    private static void row(String name, int iterations, Requests requests) throws Exception {
        for (int i = 0; i < iterations; i++) {
            sign(requests.make(i)); // warm-up: the JIT compiles the signing path
        }
        double[] rounds = new double[7];
        for (int round = 0; round < rounds.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sign(requests.make((round + 1) * iterations + i)); // making one costs about 0.1 µs
            }
            rounds[round] = (System.nanoTime() - start) / 1e3 / iterations;
        }
        Arrays.sort(rounds);
        System.out.printf(Locale.ROOT, "%-44s %10.2f%n", name, rounds[rounds.length / 2]);
    }

    private static void sign(Request request) throws Exception {
        INJECTOR.needsPayloadHash(request);
        INJECTOR.inject(request, KEY);
        if (request.header("authorization").get(0).indexOf("Signature=") < 0) {
            throw new IllegalStateException("not signed");
        }
    }

    /** A request as the proxy hands it over: the client's own headers, its placeholder signature among them. */
    private static final class Request implements OutgoingRequest {
        private final String method;
        private final String host;
        private final String path;
        private final String query;
        private final Instant now;
        private final List<String[]> headers = new ArrayList<>(8);

        Request(String method, String host, String path, String query, Instant now) {
            this.method = method;
            this.host = host;
            this.path = path;
            this.query = query;
            this.now = now;
            headers.add(new String[] {"Host", host});
            headers.add(new String[] {"User-Agent", "aws-cli/1.45.11 botocore/1.43.11"});
            headers.add(new String[] {"Accept-Encoding", "identity"});
            headers.add(new String[] {"X-Amz-Date", "20200101T000000Z"});
            headers.add(new String[] {"Authorization", "AWS4-HMAC-SHA256 Credential=authsome-proxy-managed/20200101/"
                    + "us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"});
        }

        @Override public String method() { return method; }
        @Override public String host() { return host; }
        @Override public int port() { return 443; }
        @Override public String rawPath() { return path; }
        @Override public String rawQuery() { return query; }
        @Override public long contentLength() { return 0; }
        @Override public String payloadSha256() { return EMPTY_SHA256; }
        @Override public Instant now() { return now; }

        @Override
        public List<String> headerNames() {
            List<String> names = new ArrayList<>(headers.size());
            for (String[] field : headers) {
                names.add(field[0]);
            }
            return names;
        }

        @Override
        public List<String> header(String name) {
            List<String> values = new ArrayList<>(1);
            for (String[] field : headers) {
                if (field[0].equalsIgnoreCase(name)) {
                    values.add(field[1]);
                }
            }
            return values;
        }

        @Override
        public void setHeader(String name, String value) {
            removeHeader(name);
            headers.add(new String[] {name, value});
        }

        @Override
        public void removeHeader(String name) {
            headers.removeIf(field -> field[0].equalsIgnoreCase(name));
        }
    }
}
