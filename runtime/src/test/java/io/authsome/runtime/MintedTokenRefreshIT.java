package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundled token minters end to end, each against its issuer faked on loopback over HTTPS
 * ({@link FakeTokenIssuer}, which verifies every JWT with the key's public half): a login from
 * environment variables mints once; when the token comes due, eight processes asking at once
 * cause exactly one more mint and all get its token; the next time it comes due, the next use
 * mints again, before the token it replaces has expired.
 */
class MintedTokenRefreshIT {
    /**
     * The issued tokens live this long; one is renewed from half its lifetime on (the default
     * {@code refresh.lead_seconds} is longer), which leaves the eight processes fifteen seconds to
     * start and read the new token before it is due in turn.
     */
    private static final long LIFETIME_SECONDS = 30;
    private static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_only";

    /** One bundled minting provider: how to log in to it against the fake, and where its token is exported. */
    enum Minted {
        GITHUB_APP("github-app", "GITHUB_TOKEN", "ghs_fake"),
        GOOGLE_SA("google-sa", "GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.fake");

        final String provider;
        final String variable;
        final String tokenPrefix;

        Minted(String provider, String variable, String tokenPrefix) {
            this.provider = provider;
            this.variable = variable;
            this.tokenPrefix = tokenPrefix;
        }

        /** Logs in with the fields in environment variables, as a script would. */
        Authsome.Run login(Authsome authsome, FakeTokenIssuer issuer, MinterKeys keys, Path dir) throws Exception {
            if (this == GITHUB_APP) {
                authsome.with("GITHUB_APP_ID", FakeTokenIssuer.APP_ID)
                        .with("GITHUB_APP_INSTALLATION_ID", FakeTokenIssuer.INSTALLATION_ID)
                        .with("GITHUB_APP_PRIVATE_KEY_PATH", keys.writeGitHubKey(dir).toString());
                return authsome.run("login", provider, "--base-url", issuer.url());
            }
            issuer.expectScope(SCOPE);
            authsome.with("GOOGLE_APPLICATION_CREDENTIALS", keys.writeGoogleKeyFile(dir, issuer.tokenUri()).toString());
            return authsome.run("login", provider, "--scopes", SCOPE);
        }
    }

    @TempDir
    Path temp;
    Authsome authsome;
    FakeTokenIssuer issuer;
    MinterKeys keys;

    @BeforeEach
    void setUp() throws Exception {
        TestCa ca = TestCa.create(List.of("localhost"));
        keys = MinterKeys.generate();
        issuer = FakeTokenIssuer.start(ca, keys.pair().getPublic()).lifetime(LIFETIME_SECONDS);
        authsome = new Authsome(temp.resolve("home")).with("AUTHSOME_JAVA_OPTS", FakeTokenIssuer.trustOptions(ca, temp));
        Files.createDirectories(authsome.home());
    }

    @AfterEach
    void tearDown() {
        issuer.close();
    }

    @ParameterizedTest
    @EnumSource(Minted.class)
    void eightProcessesAtOnceMintOnceAndTheTokenIsRenewedBeforeItExpires(Minted minted) throws Exception {
        Authsome.Run login = minted.login(authsome, issuer, keys, temp);
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals(1, issuer.mints(), "the login mints once");
        String first = exported(minted);
        assertTrue(first.startsWith(minted.tokenPrefix + "1x"), first);
        assertEquals(1, issuer.mints(), "a token that is not due is used as it is");

        awaitDue(expiresAt(minted));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> tokens = new HashSet<>();
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> exported(minted)));
            }
            for (Future<String> run : runs) {
                tokens.add(run.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, issuer.mints(), "eight processes at once mint once beyond the login's");
        assertEquals(Set.of(issuer.tokens().get(1)), tokens, "all eight got the one new token");

        Instant secondExpiry = expiresAt(minted);
        awaitDue(secondExpiry);
        String third = exported(minted);
        assertTrue(Instant.now().isBefore(secondExpiry), "renewed before the token it replaces expired");
        assertEquals(3, issuer.mints());
        assertEquals(issuer.tokens().get(2), third);
        assertTrue(expiresAt(minted).isAfter(secondExpiry), "the new token's expiry is stored");

        assertEquals(List.of(), issuer.problems(), "every JWT verified: signature, claims, expiry");
        JsonNode events = authsome.run("log", "--json").json().get("events");
        assertEquals(2, events.findValuesAsText("event").stream().filter("refresh"::equals).count(),
                "each mint after the login is audited as a refresh: " + events);
    }

    /** When the connection's token expires, as {@code get --json} shows it. */
    private Instant expiresAt(Minted minted) {
        Authsome.Run get = authsome.run("get", minted.provider, "--json");
        assertEquals(0, get.exitCode(), get.toString());
        return Instant.parse(get.json().get("expires_at").asText());
    }

    /** The token as {@code export --format json} gives it. */
    private String exported(Minted minted) {
        Authsome.Run run = authsome.run("export", minted.provider, "--format", "json");
        assertEquals(0, run.exitCode(), run.toString());
        return run.json().get(minted.variable).asText();
    }

    /**
     * Waits until a token that expires at {@code expiresAt} is due: half its lifetime before
     * (the issuer's expiry is whole seconds), and a second more.
     */
    private static void awaitDue(Instant expiresAt) throws InterruptedException {
        Instant due = expiresAt.minusSeconds(LIFETIME_SECONDS / 2).plusSeconds(1);
        long wait = java.time.Duration.between(Instant.now(), due).toMillis();
        if (wait > 0) {
            TimeUnit.MILLISECONDS.sleep(wait);
        }
    }
}
