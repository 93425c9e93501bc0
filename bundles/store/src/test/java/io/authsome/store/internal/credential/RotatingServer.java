package io.authsome.store.internal.credential;

import io.authsome.api.credential.TokenRenewer;
import io.authsome.api.provider.Provider;
import io.authsome.api.vault.Connection;
import io.authsome.api.vault.OAuthClient;
import io.authsome.api.vault.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token endpoint that rotates refresh tokens, as a fake renewer whose state is in files, so
 * that renewers in several processes share one "server": each refresh token is good once; the
 * answer to a good one is a new access and refresh token; a used one comes back as
 * {@code invalid_grant} and revokes the session (the current refresh token too), as providers
 * that rotate do. Every refresh token presented is logged. Each renewal takes {@code delayMillis}
 * before it reaches the server, so that refreshers that do not exclude each other overlap.
 */
final class RotatingServer implements TokenRenewer {
    /** File locks do not exclude threads of one JVM; this does. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path dir;
    private final long delayMillis;

    RotatingServer(Path dir, long delayMillis) {
        this.dir = dir;
        this.delayMillis = delayMillis;
    }

    /** A server in {@code dir} whose one good refresh token is {@code refreshToken}. */
    static RotatingServer start(Path dir, String refreshToken, long delayMillis) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("current"), refreshToken);
        Files.writeString(dir.resolve("presented"), "");
        return new RotatingServer(dir, delayMillis);
    }

    /** Every refresh token presented, in order. */
    List<String> presented() throws IOException {
        return Files.readAllLines(dir.resolve("presented"));
    }

    /** The refresh token the server would accept now ({@code revoked} once the session ended). */
    String current() throws IOException {
        return Files.readString(dir.resolve("current"));
    }

    @Override
    public Renewal renew(Provider provider, Connection connection, OAuthClient client, PrintStream trace) {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Renewal.failed(Failure.TRANSIENT, "interrupted", "interrupted");
        }
        IN_PROCESS.lock();
        try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            String presented = connection.secrets().get(Connection.REFRESH_TOKEN).reveal();
            Files.writeString(dir.resolve("presented"), presented + "\n", StandardOpenOption.APPEND);
            if (!presented.equals(current())) {
                Files.writeString(dir.resolve("current"), "revoked");
                return Renewal.failed(Failure.REJECTED_GRANT, "invalid_grant",
                        "the refresh token was used before; the session is revoked");
            }
            int n = presented().size();
            Files.writeString(dir.resolve("current"), "rt-" + n, StandardCharsets.UTF_8);
            return Renewal.renewed(new Tokens(Secret.of("at-" + n), Secret.of("rt-" + n), 3600L, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
