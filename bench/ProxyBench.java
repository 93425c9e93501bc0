import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The proxy benchmark's client and API server, run as the child of 'authsome run' by
 * bench/proxy.sh: the same requests to the same HTTPS server, once directly and once through
 * the proxy (JAVA_TOOL_OPTIONS), with figures and ratios printed. Arguments: the server's PKCS12
 * file and password, the PEM of the CA that signed it, the host name routed to the server, and
 * optionally "gib" for a 1 GiB download through the proxy.
 */
public class ProxyBench {
    private static final byte[] SMALL = new byte[64];
    private static final byte[] BLOCK = new byte[1024 * 1024];

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else delayed ACKs cost 40 ms a request
        HttpsServer server = server(args[0], args[1]);
        int port = server.getAddress().getPort();
        HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(noProxy())
                .sslContext(trusting(Path.of(args[2]))).build();
        HttpClient proxied = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.getDefault()).build();
        String directBase = "https://127.0.0.1:" + port;
        String proxiedBase = "https://" + args[3] + ":" + port;
        if (!body(proxied, proxiedBase + "/small").equals("injected")) {
            throw new IllegalStateException("the proxied request carried no credential");
        }
        long rssBefore = proxyRssKb();

        System.out.println("                              direct      proxy   ratio");
        double directRate = throughput(direct, directBase + "/small", 8, 2000);
        double proxiedRate = throughput(proxied, proxiedBase + "/small", 8, 2000);
        row("small requests/s (8 conns)", directRate, proxiedRate, proxiedRate / directRate);

        double[] directLatency = latency(direct, directBase + "/small", 2000);
        double[] proxiedLatency = latency(proxied, proxiedBase + "/small", 2000);
        row("p50 latency ms (1 conn)", directLatency[0], proxiedLatency[0], proxiedLatency[0] - directLatency[0]);
        row("p99 latency ms (1 conn)", directLatency[1], proxiedLatency[1], proxiedLatency[1] - directLatency[1]);
        System.out.println("  (latency rows: the last column is the added milliseconds)");

        double directMib = mibPerSecond(direct, directBase + "/mib", 200);
        double proxiedMib = mibPerSecond(proxied, proxiedBase + "/mib", 200);
        row("1 MiB bodies, MiB/s", directMib, proxiedMib, proxiedMib / directMib);

        double[] directSse = firstEvent(direct, directBase + "/sse");
        double[] proxiedSse = firstEvent(proxied, proxiedBase + "/sse");
        row("SSE first event ms", directSse[0], proxiedSse[0], proxiedSse[0] - directSse[0]);
        row("SSE stream end ms", directSse[1], proxiedSse[1], proxiedSse[1] - directSse[1]);

        long rssAfter = proxyRssKb();
        System.out.printf(Locale.ROOT, "proxy RSS: %d MiB before the load, %d MiB after%n", rssBefore / 1024, rssAfter / 1024);
        if (args.length > 4 && args[4].equals("gib")) {
            long started = System.nanoTime();
            HttpResponse<InputStream> response = proxied.send(HttpRequest.newBuilder(URI.create(proxiedBase + "/gib")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long peak = 0;
            byte[] buffer = new byte[256 * 1024];
            try (InputStream in = response.body()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    bytes += read;
                    if (bytes % (128L * 1024 * 1024) < read) {
                        peak = Math.max(peak, proxyRssKb());
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "1 GiB through the proxy: %d bytes in %.1f s (%.0f MiB/s), proxy RSS peak %d MiB%n",
                    bytes, seconds, bytes / seconds / 1048576, peak / 1024);
        }
        server.stop(0);
        System.exit(0);
    }

    private static void row(String name, double direct, double proxy, double ratio) {
        System.out.printf(Locale.ROOT, "%-28s %9.2f  %9.2f  %6.2f%n", name, direct, proxy, ratio);
    }

    private static double throughput(HttpClient client, String url, int connections, int requests) throws Exception {
        run(client, url, connections, requests / 4); // warm-up: opens the connections
        long started = System.nanoTime();
        run(client, url, connections, requests);
        return requests / ((System.nanoTime() - started) / 1e9);
    }

    private static void run(HttpClient client, String url, int connections, int requests) throws Exception {
        Semaphore slots = new Semaphore(connections);
        List<CompletableFuture<?>> all = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static double[] latency(HttpClient client, String url, int requests) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        for (int i = 0; i < requests / 4; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] {millis[requests / 2], millis[(int) (requests * 0.99)]};
    }

    private static double mibPerSecond(HttpClient client, String url, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        for (int i = 0; i < count / 2; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /** Milliseconds to the first event, and to the end of a stream of 6 events 300 ms apart. */
    private static double[] firstEvent(HttpClient client, String url) throws Exception {
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofLines());
        double first = -1;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (first < 0 && line.startsWith("data:")) {
                first = (System.nanoTime() - started) / 1e6;
            }
        }
        return new double[] {first, (System.nanoTime() - started) / 1e6};
    }

    private static String body(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The resident set of 'authsome run' (this process's parent, as bin/authsome execs java). */
    private static long proxyRssKb() throws IOException {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(parent), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static HttpsServer server(String p12, String password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p12)) {
            keys.load(in, password.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/small", exchange -> {
            boolean injected = "Bearer bench-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, injected ? "injected".getBytes() : SMALL);
        });
        server.createContext("/mib", exchange -> send(exchange, BLOCK));
        server.createContext("/gib", exchange -> {
            exchange.sendResponseHeaders(200, 1024L * BLOCK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(BLOCK);
                }
            }
        });
        server.createContext("/sse", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 6; i++) {
                    if (i > 0) {
                        Thread.sleep(300);
                    }
                    out.write(("data: " + i + "\n\n").getBytes());
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static ProxySelector noProxy() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
    }
}
