import io.authsome.client.ThinClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Credential lookups through several daemons that share one team store, as agents make them:
 * N concurrent clients per daemon, each sending "get PROVIDER --field access_token --show-secret"
 * over the daemon's socket (the thin client's own code, ThinClient.forward) for a fixed time,
 * after a warm-up of the same length that is not counted. Prints the latency distribution, the
 * throughput, the failures and the tokens seen.
 * Usage: java -cp lib/io.authsome.client.jar bench/TeamBench.java PROVIDER FIELD CLIENTS SECONDS SOCKET...
 */
public class TeamBench {
    public static void main(String[] args) throws Exception {
        String provider = args[0];
        String field = args[1];
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        List<Path> sockets = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            sockets.add(Path.of(args[i]));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        long counted = System.nanoTime() + seconds * 1_000_000_000L;
        long deadline = counted + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(sockets.size() * clients);
        for (Path socket : sockets) {
            for (int c = 0; c < clients; c++) {
                Thread client = new Thread(() -> {
                    try {
                        while (System.nanoTime() < deadline) {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            long start = System.nanoTime();
                            int exit;
                            try {
                                exit = ThinClient.forward(socket, List.of("get", provider, "--field", field,
                                        "--show-secret"), Map.of(), out);
                            } catch (IOException e) {
                                exit = -1;
                            }
                            long took = System.nanoTime() - start;
                            if (start < counted) {
                                continue;
                            }
                            if (exit == 0) {
                                latencies.add(took);
                                tokens.add(out.toString(StandardCharsets.UTF_8).strip());
                            } else if (failures.incrementAndGet() <= 3) {
                                failed.add("exit " + exit + ": " + out.toString(StandardCharsets.UTF_8).strip());
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
                client.setDaemon(true);
                client.start();
            }
        }
        done.await();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d daemons x %d clients for %d s: %d lookups (%.0f/s), %d failed%n", sockets.size(), clients,
                seconds, sorted.size(), sorted.size() / (double) seconds, failures.get());
        if (!sorted.isEmpty()) {
            System.out.printf("lookup latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", at(sorted, 0.50),
                    at(sorted, 0.90), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        }
        System.out.println("tokens seen: " + new java.util.TreeSet<>(tokens));
        failed.forEach(f -> System.out.println("failure: " + f));
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
