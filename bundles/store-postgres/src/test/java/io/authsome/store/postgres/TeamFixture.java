package io.authsome.store.postgres;

import io.authsome.api.config.Config;
import io.authsome.api.config.Setting;
import io.authsome.api.config.StoreConfig;
import io.authsome.api.home.HomeLayout;
import io.authsome.store.postgres.internal.PostgresStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Homes whose stores share databases of one real PostgreSQL server: each home has its own member
 * key and the database password in a file of mode 0600, as a user would set it up.
 */
public final class TeamFixture implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final PostgresServer server;
    private final Path temp;
    private final List<PostgresStore> opened = new ArrayList<>();

    public TeamFixture(PostgresServer server, Path temp) {
        this.server = server;
        this.temp = temp;
    }

    /** The URL of a new, empty database. */
    public String newDatabase() {
        return server.createDatabase("team_" + DATABASES.incrementAndGet());
    }

    /** A new home, with the password file, whose member name is {@code member}. */
    public Path home(String member) throws IOException {
        Path home = Files.createTempDirectory(temp, member);
        Path password = home.resolve("db.password");
        Files.writeString(password, server.password() + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        return home;
    }

    /** A runtime's store for {@code home} on the database at {@code url}. */
    public PostgresStore store(Path home, String url, String member) {
        return store(home, new StoreConfig(Setting.of(StoreConfig.POSTGRES), url, server.user(), "db.password", member));
    }

    public PostgresStore store(Path home, StoreConfig config) {
        return store(home, config, false);
    }

    /** A store as {@link #store(Path, StoreConfig)}; a long-lived one serves what it read through an outage. */
    public PostgresStore store(Path home, StoreConfig config, boolean longLived) {
        PostgresStore store = new PostgresStore();
        Config settings = new Config(Config.DEFAULTS.profile(), Config.DEFAULTS.callback(), Config.DEFAULTS.refresh(),
                Config.DEFAULTS.http(), Config.DEFAULTS.audit(), Config.DEFAULTS.proxy(), Config.DEFAULTS.daemon(), config);
        store.activate(new HomeLayout(home), () -> settings, longLived);
        opened.add(store);
        return store;
    }

    public PostgresServer server() {
        return server;
    }

    /** Closes the pools of every store opened here. */
    @Override
    public void close() {
        opened.forEach(PostgresStore::deactivate);
        opened.clear();
    }
}
