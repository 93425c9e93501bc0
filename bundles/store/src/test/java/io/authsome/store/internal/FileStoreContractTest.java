package io.authsome.store.internal;

import io.authsome.api.home.HomeLayout;
import io.authsome.api.store.StoreBackend;
import io.authsome.store.contract.StoreBackendContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the home's encrypted files. */
class FileStoreContractTest extends StoreBackendContract {
    @TempDir
    Path temp;

    private Path home;

    @Override
    protected StoreBackend freshStore() throws Exception {
        home = Files.createTempDirectory(temp, "home");
        return new FileVault(new HomeLayout(home));
    }

    @Override
    protected StoreBackend sameRecords() {
        return new FileVault(new HomeLayout(home));
    }
}
