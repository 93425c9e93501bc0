package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.credential.SecretVariables;
import io.authsome.common.env.SecretEnvironment;
import io.authsome.common.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The database password: the variable {@code AUTHSOME_STORE_PASSWORD} (handed over by
 * {@code bin/authsome}, never in argv), else the first line of {@code store.password_file}, a file
 * only its owner may read. Never in {@code config.json}.
 */
final class StorePassword {
    private StorePassword() {
    }

    /**
     * @param file {@code store.password_file} resolved against the home, or {@code null}
     * @return the password, or {@code null} for none
     */
    static char[] resolve(Path file) throws AuthsomeException {
        Optional<String> variable = SecretEnvironment.value(SecretVariables.STORE_PASSWORD);
        if (variable.isPresent()) {
            return variable.get().toCharArray();
        }
        if (file == null) {
            return null;
        }
        try {
            if (PrivateFiles.isOpenToOthers(file)) {
                throw new AuthsomeException(ErrorCode.INVALID_INPUT, "store.password_file " + file
                        + " may be read by other users; the password was not used", "chmod 600 " + file);
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            return (end < 0 ? content : content.substring(0, end)).strip().toCharArray();
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "store.password_file " + file + " cannot be read: "
                    + e.getMessage(), "create it with the database password, mode 0600, or set AUTHSOME_STORE_PASSWORD");
        }
    }
}
