import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The request-signing benchmark's client, run as the child of 'authsome run' by bench/signing.sh:
 * the same small requests to the same nginx, once to a host whose provider gets a bearer header
 * and once to a host of the aws provider, whose requests the proxy signs (SigV4, the body hashed
 * first), after a warm-up round of each, in rounds whose order alternates so that both see the
 * same machine and neither pays the warm-up; then one large upload to an S3
 * host (UNSIGNED-PAYLOAD: streamed, not held) while the proxy's resident memory is sampled.
 * The proxy's CPU time is read from /proc for each round, so that what signing costs the proxy shows
 * apart from the latency's noise. Arguments: the bearer URL, the signed URL, the S3 upload URL, the
 * upload size in MiB, the clock ticks a second (getconf CLK_TCK).
 */
public class SigningBench {
    private static final int ROUNDS = 6;
    private static final int REQUESTS = 2000;
    private static final byte[] SMALL = "{\"Action\":\"GetCallerIdentity\",\"Version\":\"2011-06-15\"}".getBytes();

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.getDefault()).build();
        check(client, args[0], "bearer");
        check(client, args[1], "signed");
        latencies(client, args[0]); // a round of each to warm up both paths, not counted
        latencies(client, args[1]);
        double[] bearer = new double[ROUNDS * REQUESTS];
        double[] signed = new double[ROUNDS * REQUESTS];
        long[] proxyTicks = new long[2];
        for (int round = 0; round < ROUNDS; round++) { // which goes first alternates
            for (int side : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                long ticks = proxyCpuTicks();
                double[] micros = latencies(client, args[side]);
                proxyTicks[side] += proxyCpuTicks() - ticks;
                System.arraycopy(micros, 0, side == 0 ? bearer : signed, round * REQUESTS, REQUESTS);
            }
        }
        Arrays.sort(bearer);
        Arrays.sort(signed);
        System.out.printf(Locale.ROOT, "small POSTs, %d x %d each, interleaved:%n", ROUNDS, REQUESTS);
        System.out.println("                      bearer µs   signed µs   added µs");
        row("latency p50", bearer[bearer.length / 2], signed[signed.length / 2]);
        row("latency mean", mean(bearer), mean(signed));
        row("latency p90", bearer[(int) (bearer.length * 0.9)], signed[(int) (signed.length * 0.9)]);
        double tickMicros = 1e6 / Long.parseLong(args[4]);
        row("proxy CPU a request", proxyTicks[0] * tickMicros / bearer.length,
                proxyTicks[1] * tickMicros / signed.length);

        long mib = Long.parseLong(args[3]);
        long before = proxyRssKb();
        Sampler sampler = new Sampler();
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create(args[2]))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new Zeros(mib << 20)), mib << 20)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.out.printf(Locale.ROOT, "%d MiB PUT to S3 through the proxy: %d %s in %.1f s (%.0f MiB/s);"
                        + " proxy RSS %d MiB before, peak %d MiB during%n", mib, upload.statusCode(),
                upload.body().trim(), seconds, mib / seconds, before / 1024, sampler.peak / 1024);
        System.exit(0);
    }

    private static void check(HttpClient client, String url, String expected) throws Exception {
        String body = post(client, url).body().trim();
        if (!body.equals(expected)) {
            throw new IllegalStateException(url + " answered " + body + ", not " + expected);
        }
    }

    private static HttpResponse<String> post(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SMALL)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double[] latencies(HttpClient client, String url) throws Exception {
        for (int i = 0; i < REQUESTS / 4; i++) {
            post(client, url);
        }
        double[] micros = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            post(client, url);
            micros[i] = (System.nanoTime() - started) / 1e3;
        }
        return micros;
    }

    private static void row(String name, double bearer, double signed) {
        System.out.printf(Locale.ROOT, "%-20s %10.1f  %10.1f  %9.1f%n", name, bearer, signed, signed - bearer);
    }

    private static Path proxyFile(String name) {
        return Path.of("/proc", Long.toString(ProcessHandle.current().parent().orElseThrow().pid()), name);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    /** The proxy's (this process's parent's) user and system CPU time so far, all threads, in clock ticks. */
    private static long proxyCpuTicks() throws IOException {
        String stat = Files.readString(proxyFile("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime: fields 14 and 15
    }

    static long proxyRssKb() throws IOException {
        for (String line : Files.readAllLines(proxyFile("status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Samples the proxy's resident memory every 20 ms. */
    private static final class Sampler extends Thread {
        volatile long peak;

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    peak = Math.max(peak, proxyRssKb());
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                // done
            }
        }
    }

    /** {@code length} zero bytes, made as they are read. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int count = (int) Math.min(length, left);
            Arrays.fill(buffer, offset, offset + count, (byte) 0);
            left -= count;
            return count;
        }
    }
}
