package io.authsome.store.postgres.internal;

import io.authsome.api.store.StoreBackend;
import io.authsome.store.contract.StoreBackendContract;
import io.authsome.store.postgres.PostgresServer;
import io.authsome.store.postgres.TeamFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real PostgreSQL server: a new database per test. */
class PostgresStoreContractTest extends StoreBackendContract {
    @TempDir
    static Path temp;

    private static PostgresServer server;
    private static TeamFixture team;

    private Path home;
    private String url;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
        team = new TeamFixture(server, temp);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeStores() {
        team.close();
    }

    @Override
    protected StoreBackend freshStore() throws Exception {
        url = team.newDatabase();
        home = team.home("member");
        return team.store(home, url, "alice");
    }

    @Override
    protected StoreBackend sameRecords() {
        return team.store(home, url, "alice");
    }
}
