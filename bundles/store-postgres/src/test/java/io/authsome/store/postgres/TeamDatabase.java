package io.authsome.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for one test class ({@code @RegisterExtension static}), with the
 * {@link TeamFixture} of homes on it: the stores a test opened are closed after it, the server and
 * the homes after the class.
 */
public final class TeamDatabase implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private PostgresServer server;
    private TeamFixture team;
    private Path homes;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = PostgresServer.start();
        homes = Files.createTempDirectory("authsome-team-homes");
        team = new TeamFixture(server, homes);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        team.close();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        team.close();
        server.close();
        try (Stream<Path> paths = Files.walk(homes)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public PostgresServer server() {
        return server;
    }

    public TeamFixture team() {
        return team;
    }
}
