package io.authsome.common.env;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.credential.SecretVariables;
import io.authsome.api.vault.Secret;
import java.io.Console;
import java.util.Optional;

/** The passphrase that opens a key kept in the home: from {@code AUTHSOME_PASSPHRASE}, else asked on the terminal. */
public final class Passphrases {
    private Passphrases() {
    }

    /**
     * @param what   what the passphrase protects, for the error: {@code the vault}
     * @param prompt what the terminal shows
     * @throws AuthsomeException {@code AUTHENTICATION_FAILED} without a terminal or an answer
     */
    public static Secret ask(String what, String prompt) throws AuthsomeException {
        Optional<String> fromEnv = SecretEnvironment.value(SecretVariables.PASSPHRASE);
        if (fromEnv.isPresent()) {
            return Secret.of(fromEnv.get());
        }
        Console console = System.console();
        if (console == null) {
            throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, what + " is protected by a passphrase and"
                    + " there is no terminal to ask for it", "set " + SecretVariables.PASSPHRASE);
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null || typed.length == 0) {
            throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "no passphrase given", "run again and type it");
        }
        return Secret.of(new String(typed));
    }
}
