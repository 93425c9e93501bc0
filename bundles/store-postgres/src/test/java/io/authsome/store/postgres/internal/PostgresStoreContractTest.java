package io.authsome.store.postgres.internal;

import io.authsome.api.store.StoreBackend;
import io.authsome.store.contract.StoreBackendContract;
import io.authsome.store.postgres.TeamDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL server: a new database per test. */
class PostgresStoreContractTest extends StoreBackendContract {
    @RegisterExtension
    static final TeamDatabase DATABASE = new TeamDatabase();

    private Path home;
    private String url;

    @Override
    protected StoreBackend freshStore() throws Exception {
        url = DATABASE.team().newDatabase();
        home = DATABASE.team().home("member");
        return DATABASE.team().store(home, url, "alice");
    }

    @Override
    protected StoreBackend sameRecords() {
        return DATABASE.team().store(home, url, "alice");
    }
}
