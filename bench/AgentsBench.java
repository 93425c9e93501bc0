import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The shared-proxy benchmark's agents and API server, run by bench/agents.sh: every agent holds
 * several kept-alive HTTPS connections to one API and sends small requests on each, first over
 * direct TLS connections to the API (the baseline: the fastest thing an agent has without
 * authsome), then through the daemon's shared proxy, each connection a CONNECT with its agent's
 * credential (Proxy-Authorization: Basic) and TLS to the proxy's certificate inside, where the
 * proxy injects the API key (checked on every answer). Both legs run the same phases on all
 * connections: open them (connect, CONNECT, handshakes, a first request), then every
 * connection sends its requests back to back (saturation: throughput, and latency that is mostly
 * queueing), then requests paced at a fixed total rate (the latency an agent sees at a load the
 * machine carries). A plain client over sockets (no HTTP library), so that the client costs
 * little next to what it measures. Arguments: the API server's PKCS12 file and password, the PEM
 * of the CA that signed it, the host name routed to the API, the output of 'agent add --json',
 * the agents' trust store (JKS, password changeit), the shared proxy's port, the daemon's pid,
 * connections per agent, requests per connection, paced rate (requests/s, 0: no paced phase),
 * paced seconds, warm-up requests per leg, and the seconds over which the agents start (0: all
 * connections at once).
 */
public class AgentsBench {
    private static final int STACK = 256 * 1024;
    private static final int TIMEOUT_MILLIS = 60_000;
    private static final int WARM_CONNECTIONS = 16;
    private static final String INJECTED = "injected";
    private static final String PLAIN = "no-cred.";

    private static String host;
    private static int apiPort;

    public static void main(String[] args) throws Exception {
        Path p12 = Path.of(args[0]);
        String password = args[1];
        Path apiCa = Path.of(args[2]);
        host = args[3];
        List<String[]> agents = agents(Path.of(args[4]));
        Path agentTrust = Path.of(args[5]);
        int proxyPort = Integer.parseInt(args[6]);
        long daemon = Long.parseLong(args[7]);
        int perAgent = Integer.parseInt(args[8]);
        int requests = Integer.parseInt(args[9]);
        double rate = Double.parseDouble(args[10]);
        double seconds = Double.parseDouble(args[11]);
        int warm = Integer.parseInt(args[12]);
        double ramp = Double.parseDouble(args[13]);
        int connections = agents.size() * perAgent;

        Api api = new Api(p12, password);
        apiPort = api.port();
        SSLContext direct = trusting(apiCa);
        SSLContext proxied = trustStore(agentTrust, "changeit");
        Opener directly = index -> Conn.direct(direct);
        Opener throughProxy = index -> Conn.proxied(proxied, proxyPort, agents.get(index / perAgent));
        Opener warmThroughProxy = index -> Conn.proxied(proxied, proxyPort, agents.get(index % agents.size()));

        System.out.printf(Locale.ROOT, "%d agents x %d connections = %d kept-alive connections; %d cores, load %s%n",
                agents.size(), perAgent, connections, Runtime.getRuntime().availableProcessors(), load());
        int warmEach = Math.max(1, warm / WARM_CONNECTIONS);
        report("warm-up (not counted)", run(WARM_CONNECTIONS, 1, 0, directly, PLAIN, warmEach, 0, 0, -1),
                run(WARM_CONNECTIONS, 1, 0, warmThroughProxy, INJECTED, warmEach, 0, 0, -1), true);
        long[] idle = daemonStatus(daemon);
        Result d = run(connections, perAgent, ramp, directly, PLAIN, requests, rate, seconds, -1);
        Result p = run(connections, perAgent, ramp, throughProxy, INJECTED, requests, rate, seconds, daemon);
        long[] after = daemonStatus(daemon);
        report("measured", d, p, false);
        System.out.printf(Locale.ROOT, "daemon: %d threads and %d MiB RSS idle, %d threads and %d MiB with the %d"
                + " connections open, %d MiB after%n", idle[0], idle[1] / 1024, p.daemon[0], p.daemon[1] / 1024,
                connections, after[1] / 1024);
        System.out.printf(Locale.ROOT, "%-44s %10s %10s %10s%n", "CPU ms (direct, proxy: the clients and API)", "direct",
                "proxy", "daemon");
        cpuRow("  a connection opened", d, p, 0, connections, connections);
        cpuRow("  a request, back to back", d, p, 1, measured(d.saturated).length, measured(p.saturated).length);
        if (d.paced.length > 0) {
            cpuRow("  a request, paced", d, p, 2, measured(d.paced).length, measured(p.paced).length);
        }
        System.out.printf(Locale.ROOT, "p99 added latency: %+.1f ms with every connection sending back to back",
                quantile(measured(p.saturated), 0.99) - quantile(measured(d.saturated), 0.99));
        if (d.paced.length > 0) {
            System.out.printf(Locale.ROOT, ", %+.1f ms at %.0f requests/s", quantile(measured(p.paced), 0.99)
                    - quantile(measured(d.paced), 0.99), rate);
        }
        System.out.println();
        api.close();
        int failures = d.failures() + p.failures();
        System.out.println(failures == 0 ? "no failed request" : failures + " failed requests");
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Name and credential of every agent in the output of 'agent add --json', in order. */
    private static List<String[]> agents(Path json) throws IOException {
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"[\\s\\S]*?\"credential\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(Files.readString(json));
        List<String[]> agents = new ArrayList<>();
        while (m.find()) {
            agents.add(new String[] {m.group(1), m.group(2)});
        }
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("no agent credential in " + json);
        }
        return agents;
    }

    // ---------------------------------------------------------------- the load

    private interface Opener {
        Conn open(int index) throws IOException;
    }

    /** What one leg measured. Latencies in nanoseconds; 0: not measured (failed or not sent). */
    private static final class Result {
        final long[] open;
        final long[] saturated;
        final long[] paced;
        final int requests;
        final int pacedEach;
        final double rate;
        /** Per reason: the requests that failed, and the least and most milliseconds to the failure. */
        final Map<String, long[]> reasons = new TreeMap<>();
        final AtomicInteger failed = new AtomicInteger();
        long saturatedNanos;
        long pacedNanos;
        long[] daemon = {0, 0};
        double ramp;
        /** CPU milliseconds the daemon spent opening the connections, on the requests back to back, and paced. */
        final long[] daemonCpu = new long[3];
        /** The same for this process: the clients and the API. */
        final long[] ownCpu = new long[3];

        Result(int connections, int requests, int pacedEach, double rate) {
            this.open = new long[connections];
            this.saturated = new long[connections * requests];
            this.paced = new long[connections * pacedEach];
            this.requests = requests;
            this.pacedEach = pacedEach;
            this.rate = rate;
        }

        /**
         * {@code count} requests failed (a connection that could not open fails all of its requests),
         * {@code nanos} after the connection or request began.
         */
        void fail(String phase, Exception e, int count, long nanos) {
            failed.addAndGet(count);
            String reason = phase + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
            long millis = nanos / 1_000_000;
            synchronized (reasons) {
                long[] seen = reasons.computeIfAbsent(reason, r -> new long[] {0, Long.MAX_VALUE, 0});
                seen[0] += count;
                seen[1] = Math.min(seen[1], millis);
                seen[2] = Math.max(seen[2], millis);
            }
        }

        int failures() {
            return failed.get();
        }

        int total() {
            return saturated.length + paced.length;
        }
    }

    /**
     * All connections, one thread each: open (the agents one after another over {@code ramp}
     * seconds, each agent its {@code perAgent} connections at once; 0: all at once), then
     * {@code requests} back to back, then
     * {@code seconds} at {@code rate} requests/s in all (each connection's requests evenly spaced,
     * latency counted from the time a request was due, so a late one counts in full).
     */
    private static Result run(int connections, int perAgent, double ramp, Opener opener, String expected, int requests,
                              double rate, double seconds, long daemon) throws Exception {
        int agents = connections / perAgent;
        long rampStart = System.nanoTime();
        int pacedEach = rate <= 0 ? 0 : Math.max(1, (int) Math.round(rate * seconds / connections));
        Result result = new Result(connections, requests, pacedEach, rate);
        long period = rate <= 0 ? 0 : (long) (connections / rate * 1e9);
        long[] pacedStart = new long[1];
        CyclicBarrier phase = new CyclicBarrier(connections + 1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int index = i;
            Thread thread = new Thread(null, () -> {
                Conn conn = null;
                long start = rampStart + (long) (index / perAgent * ramp * 1e9 / agents);
                for (long wait = start - System.nanoTime(); wait > 0; wait = start - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long started = System.nanoTime();
                try {
                    conn = opener.open(index);
                    Conn opened = conn;
                    check(Conn.step("first request", opened::request), expected);
                    result.open[index] = System.nanoTime() - started;
                } catch (IOException | RuntimeException e) {
                    result.fail("open", e, requests + pacedEach, System.nanoTime() - started);
                    conn = close(conn);
                }
                await(phase); // all open
                await(phase); // go
                for (int k = 0; k < requests && conn != null; k++) {
                    long sent = System.nanoTime();
                    try {
                        check(conn.request(), expected);
                        result.saturated[index * requests + k] = System.nanoTime() - sent;
                    } catch (IOException | RuntimeException e) {
                        result.fail("request", e, requests - k + pacedEach, System.nanoTime() - sent);
                        conn = close(conn);
                    }
                }
                await(phase); // all done
                await(phase); // paced: go
                for (int k = 0; k < pacedEach && conn != null; k++) {
                    long due = pacedStart[0] + index * period / connections + k * period;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        check(conn.request(), expected);
                        result.paced[index * pacedEach + k] = Math.max(1, System.nanoTime() - due);
                    } catch (IOException | RuntimeException e) {
                        result.fail("paced request", e, pacedEach - k, System.nanoTime() - due);
                        conn = close(conn);
                    }
                }
                await(phase); // all done
                close(conn);
            }, "agent-" + i, STACK);
            thread.start();
            threads.add(thread);
        }
        long self = ProcessHandle.current().pid();
        long cpu = cpuMillis(daemon);
        long own = cpuMillis(self);
        phase.await();
        if (daemon > 0) {
            result.daemon = daemonStatus(daemon);
        }
        result.daemonCpu[0] = cpuMillis(daemon) - cpu;
        result.ownCpu[0] = cpuMillis(self) - own;
        result.ramp = ramp;
        cpu = cpuMillis(daemon);
        own = cpuMillis(self);
        long started = System.nanoTime();
        phase.await();
        phase.await();
        result.saturatedNanos = System.nanoTime() - started;
        result.daemonCpu[1] = cpuMillis(daemon) - cpu;
        result.ownCpu[1] = cpuMillis(self) - own;
        cpu = cpuMillis(daemon);
        own = cpuMillis(self);
        pacedStart[0] = System.nanoTime() + 100_000_000; // written before the barrier that the threads pass after
        phase.await();
        phase.await();
        result.pacedNanos = System.nanoTime() - pacedStart[0];
        result.daemonCpu[2] = cpuMillis(daemon) - cpu;
        result.ownCpu[2] = cpuMillis(self) - own;
        for (Thread thread : threads) {
            thread.join();
        }
        return result;
    }

    private static void check(String body, String expected) throws IOException {
        if (!body.equals(expected)) {
            throw new IOException("the API answered '" + body + "', expected '" + expected + "'");
        }
    }

    private static Conn close(Conn conn) {
        if (conn != null) {
            conn.close();
        }
        return null;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- figures

    private static void report(String title, Result d, Result p, boolean brief) {
        if (brief) {
            System.out.printf(Locale.ROOT, "%s: %d requests each way, %s direct, %s through the proxy%n", title,
                    d.total(), rate(d.saturated, d.saturatedNanos), rate(p.saturated, p.saturatedNanos));
        } else {
            int connections = d.open.length;
            System.out.printf(Locale.ROOT, "%-44s %10s %10s %10s%n", "", "direct", "proxy", "added");
            System.out.printf(Locale.ROOT, "open %d (connect, CONNECT, TLS, first request), %s:%n", connections,
                    d.ramp > 0 ? String.format(Locale.ROOT, "the agents starting over %.0f s", d.ramp) : "all at once");
            rows("  ms to open", d.open, p.open);
            System.out.printf(Locale.ROOT, "all send back to back, %d requests on each connection (%,d):%n",
                    d.requests, d.saturated.length);
            System.out.printf(Locale.ROOT, "%-44s %10.0f %10.0f %9.2fx%n", "  requests/s", perSecond(d.saturated,
                    d.saturatedNanos), perSecond(p.saturated, p.saturatedNanos), perSecond(p.saturated, p.saturatedNanos)
                    / perSecond(d.saturated, d.saturatedNanos));
            rows("  latency ms", d.saturated, p.saturated);
            if (d.paced.length > 0) {
                System.out.printf(Locale.ROOT, "paced at %.0f requests/s in all, %d on each connection (%,d):%n",
                        d.rate, d.pacedEach, d.paced.length);
                System.out.printf(Locale.ROOT, "%-44s %10.0f %10.0f%n", "  requests/s achieved", perSecond(d.paced,
                        d.pacedNanos), perSecond(p.paced, p.pacedNanos));
                rows("  latency ms", d.paced, p.paced);
            }
        }
        for (Result r : List.of(d, p)) {
            String leg = r == d ? "direct" : "proxy";
            System.out.printf(Locale.ROOT, "%s failures (%s): %d of %,d requests%n", title, leg, r.failures(), r.total());
            r.reasons.forEach((reason, seen) -> System.out.printf(Locale.ROOT, "  %6d  %s (%d to %d ms after it began)%n",
                    seen[0], reason, seen[1], seen[2]));
        }
    }

    private static void cpuRow(String name, Result d, Result p, int phase, int directCount, int proxyCount) {
        System.out.printf(Locale.ROOT, "%-44s %10.2f %10.2f %10.2f%n", name, d.ownCpu[phase] / (double) Math.max(1, directCount),
                p.ownCpu[phase] / (double) Math.max(1, proxyCount), p.daemonCpu[phase] / (double) Math.max(1, proxyCount));
    }

    private static void rows(String name, long[] direct, long[] proxy) {
        long[] d = measured(direct);
        long[] p = measured(proxy);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            double a = quantile(d, q);
            double b = quantile(p, q);
            System.out.printf(Locale.ROOT, "%-44s %10.2f %10.2f %+10.2f%n", name + " p" + Math.round(q * 100), a, b, b - a);
        }
        System.out.printf(Locale.ROOT, "%-44s %10.2f %10.2f%n", name + " max", quantile(d, 1), quantile(p, 1));
    }

    private static long[] measured(long[] nanos) {
        long[] done = Arrays.stream(nanos).filter(n -> n > 0).toArray();
        Arrays.sort(done);
        return done;
    }

    /** Milliseconds at quantile {@code q} (nearest rank), NaN when nothing was measured. */
    private static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static double perSecond(long[] nanos, long wall) {
        return Arrays.stream(nanos).filter(n -> n > 0).count() / (wall / 1e9);
    }

    private static String rate(long[] nanos, long wall) {
        return String.format(Locale.ROOT, "%.0f req/s", perSecond(nanos, wall));
    }

    /** User and system CPU time of the daemon in milliseconds (0 for no daemon). */
    private static long cpuMillis(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // fields 14 and 15, in 1/100 s
    }

    /** Threads and resident kB of the daemon. */
    private static long[] daemonStatus(long pid) throws IOException {
        long[] status = {0, 0};
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                status[0] = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmRSS:")) {
                status[1] = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return status;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- the client

    /** One kept-alive HTTPS connection to the API, direct or through a CONNECT tunnel of the proxy. */
    private static final class Conn {
        private static final byte[] REQUEST = ("GET /small HTTP/1.1\r\nHost: %s\r\nUser-Agent: agents-bench\r\n"
                + "Accept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        private final SSLSocket tls;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] request;

        private Conn(SSLSocket tls) throws IOException {
            this.tls = tls;
            this.in = new java.io.BufferedInputStream(tls.getInputStream(), 8192);
            this.out = tls.getOutputStream();
            this.request = new String(REQUEST, StandardCharsets.ISO_8859_1).replace("%s", host + ":" + apiPort)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        /** TLS to the API itself at 127.0.0.1, verified as the routed host name (what its DNS name would give). */
        static Conn direct(SSLContext trust) throws IOException {
            Socket socket = step("connect", () -> socket(apiPort));
            return step("TLS", () -> new Conn(tls(trust, socket)));
        }

        /** A CONNECT to the routed host with the agent's credential, then TLS inside, verified as that host. */
        static Conn proxied(SSLContext trust, int proxyPort, String[] agent) throws IOException {
            Socket socket = step("connect", () -> socket(proxyPort));
            try {
                String credential = Base64.getEncoder().encodeToString((agent[0] + ":" + agent[1])
                        .getBytes(StandardCharsets.UTF_8));
                String head = step("CONNECT", () -> {
                    socket.getOutputStream().write(("CONNECT " + host + ":" + apiPort + " HTTP/1.1\r\nHost: " + host + ":"
                            + apiPort + "\r\nProxy-Authorization: Basic " + credential + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    return readHead(socket.getInputStream()); // unbuffered: TLS reads the same socket next
                });
                if (head == null) {
                    throw new EOFException("the proxy closed the connection after CONNECT");
                }
                String status = head.substring(0, head.indexOf('\r'));
                if (!status.startsWith("HTTP/1.1 200")) {
                    throw new IOException("CONNECT answered '" + status + "'");
                }
                return step("TLS", () -> new Conn(tls(trust, socket)));
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        private interface Step<T> {
            T run() throws IOException;
        }

        /** Runs one step of opening a connection; a failure names the step. */
        private static <T> T step(String name, Step<T> step) throws IOException {
            try {
                return step.run();
            } catch (IOException e) {
                throw new IOException(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }

        private static Socket socket(int port) throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            return socket;
        }

        private static SSLSocket tls(SSLContext trust, Socket socket) throws IOException {
            SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(socket, host, apiPort, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        }

        /** One GET, its answer read to the end; the body. */
        String request() throws IOException {
            out.write(request);
            out.flush();
            String head = readHead(in);
            if (head == null) {
                throw new EOFException("the connection was closed before an answer");
            }
            String status = head.substring(0, head.indexOf('\r'));
            byte[] body = in.readNBytes(contentLength(head));
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("answered '" + status + "'");
            }
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        void close() {
            try {
                tls.close();
            } catch (IOException ignored) {
                // Gone already.
            }
        }
    }

    /** An HTTP head up to and with the empty line; null at the end of the stream before any byte. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        int last4 = 0;
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                if (head.length() == 0) {
                    return null;
                }
                throw new EOFException("the connection closed inside an HTTP head");
            }
            head.append((char) b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) {
                return head.toString();
            }
            if (head.length() > 65536) {
                throw new IOException("an HTTP head of more than 64 KiB");
            }
        }
    }

    private static int contentLength(String head) throws IOException {
        Matcher m = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$").matcher(head);
        if (!m.find()) {
            throw new IOException("an answer without Content-Length: " + head.substring(0, head.indexOf('\r')));
        }
        return Integer.parseInt(m.group(1));
    }

    // ---------------------------------------------------------------- the API

    /**
     * The HTTPS API on 127.0.0.1: a thread per connection, keep-alive, GET only; it answers
     * "injected" when the request carries the credential the proxy injects, "no-cred." otherwise.
     */
    private static final class Api implements AutoCloseable {
        private final ServerSocket server;

        Api(Path p12, String password) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                keys.load(in, password.toCharArray());
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(factory.getKeyManagers(), null, null);
            SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            server = socket;
            Thread acceptor = new Thread(this::accept, "api-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread thread = new Thread(null, () -> serve(socket), "api", STACK);
                    thread.setDaemon(true);
                    thread.start();
                } catch (IOException e) {
                    // Closed.
                }
            }
        }

        private static void serve(Socket socket) {
            byte[] injected = answer(INJECTED);
            byte[] plain = answer(PLAIN);
            try (socket) {
                socket.setTcpNoDelay(true);
                InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
                OutputStream out = socket.getOutputStream();
                for (String head = readHead(in); head != null; head = readHead(in)) {
                    boolean credential = head.toLowerCase(Locale.ROOT).contains("\r\nauthorization: bearer bench-key\r\n");
                    out.write(credential ? injected : plain);
                    out.flush();
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        private static byte[] answer(String body) {
            return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    // ---------------------------------------------------------------- trust

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return context(trust);
    }

    private static SSLContext trustStore(Path jks, String password) throws Exception {
        KeyStore trust = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(jks)) {
            trust.load(in, password.toCharArray());
        }
        return context(trust);
    }

    private static SSLContext context(KeyStore trust) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
