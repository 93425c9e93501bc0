package io.authsome.provider.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.plugin.CredentialInjector.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClockSkewTest {
    private static final Instant LOCAL = Instant.parse("2026-12-02T22:30:00Z");
    private static final String SKEWED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>RequestTimeTooSkewed</Code>"
            + "<Message>The difference between the request time and the current time is too large.</Message>"
            + "<ServerTime>2026-12-02T22:50:00Z</ServerTime></Error>";

    private static Refusal refusal(int status, String date, String body) {
        return new Refusal(status, date == null ? Map.of() : Map.of("date", List.of(date)), body);
    }

    @Test
    void aSkewedRefusalTeachesTheServersClockFromItsDateField() {
        ClockSkew skew = new ClockSkew();
        assertTrue(skew.learn(refusal(403, "Wed, 02 Dec 2026 22:50:00 GMT", SKEWED), LOCAL));
        assertEquals(Duration.ofMinutes(20).toMillis(), skew.offsetMillis());
        assertEquals(Instant.parse("2026-12-02T22:50:00Z"), skew.correct(LOCAL));
        assertFalse(skew.learn(refusal(403, "Wed, 02 Dec 2026 22:50:01 GMT", SKEWED), LOCAL),
                "the same correction again is no reason to retry");
    }

    @Test
    void servicesOtherThanS3AndS3WithoutDateAreUnderstood() {
        ClockSkew skew = new ClockSkew();
        assertTrue(skew.learn(refusal(400, "Wed, 02 Dec 2026 22:20:00 GMT", "{\"__type\":\"InvalidSignatureException\","
                + "\"message\":\"Signature expired: 20261202T223000Z is now earlier than 20261202T221500Z\"}"), LOCAL));
        assertEquals(-Duration.ofMinutes(10).toMillis(), skew.offsetMillis());
        assertTrue(skew.learn(refusal(403, null, SKEWED), LOCAL), "S3's ServerTime when there is no Date");
        assertEquals(Duration.ofMinutes(20).toMillis(), skew.offsetMillis());
    }

    @Test
    void otherRefusalsTeachNothing() {
        ClockSkew skew = new ClockSkew();
        assertFalse(skew.learn(refusal(403, "Wed, 02 Dec 2026 23:50:00 GMT", "<Code>SignatureDoesNotMatch</Code>"), LOCAL));
        assertFalse(skew.learn(refusal(401, "Wed, 02 Dec 2026 23:50:00 GMT", "RequestTimeTooSkewed"), LOCAL));
        assertFalse(skew.learn(refusal(403, "not a date", "RequestTimeTooSkewed"), LOCAL));
        assertEquals(0, skew.offsetMillis());
    }

    @Test
    void manyThreadsLearnAndReadOneCorrection() throws Exception {
        ClockSkew skew = new ClockSkew();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Instant>> reads = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> skew.learn(refusal(403, "Wed, 02 Dec 2026 22:50:00 GMT", SKEWED), LOCAL));
                reads.add(pool.submit(() -> skew.correct(LOCAL)));
            }
            for (Future<Instant> read : reads) {
                Instant seen = read.get();
                assertTrue(seen.equals(LOCAL) || seen.equals(Instant.parse("2026-12-02T22:50:00Z")), seen.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Duration.ofMinutes(20).toMillis(), skew.offsetMillis());
    }
}
