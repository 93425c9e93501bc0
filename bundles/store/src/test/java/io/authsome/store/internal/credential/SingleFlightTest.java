package io.authsome.store.internal.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
    private final SingleFlight<String> flight = new SingleFlight<>();

    @Test
    void callersThatComeDuringARunShareIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<String> first = pool.submit(() -> flight.run("k", () -> {
                runs.incrementAndGet();
                started.countDown();
                await(release);
                return "renewed";
            }));
            started.await();
            List<Future<String>> others = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                others.add(pool.submit(() -> flight.run("k", () -> "again-" + runs.incrementAndGet())));
            }
            Thread.sleep(100);
            release.countDown();
            assertEquals("renewed", first.get(5, TimeUnit.SECONDS));
            for (Future<String> other : others) {
                assertEquals("renewed", other.get(5, TimeUnit.SECONDS));
            }
            assertEquals(1, runs.get());
            assertEquals("next", flight.run("k", () -> "next"), "a later caller runs it again");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureReachesEveryCallerOfThatRun() {
        AuthsomeException e = assertThrows(AuthsomeException.class, () -> flight.run("k", () -> {
            throw new AuthsomeException(ErrorCode.CREDENTIAL_UNAVAILABLE, "rejected", "authsome login x");
        }));
        assertEquals(ErrorCode.CREDENTIAL_UNAVAILABLE, e.code());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
