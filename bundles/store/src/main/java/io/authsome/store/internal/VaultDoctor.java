package io.authsome.store.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.health.Finding;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.seal.RecordCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Doctor: the vault key is there and private, the vault lock can be taken, encryption round-trips,
 * and every sealed file decrypts (each one that does not is named).
 */
final class VaultDoctor {
    private final FileVault component;

    VaultDoctor(FileVault component) {
        this.component = component;
    }

    List<Finding> check() {
        KeyringFile keyringFile = component.keyringFile();
        if (!keyringFile.exists()) {
            int records;
            try {
                records = SealedFile.all(component.home().profiles()).size();
            } catch (AuthsomeException e) {
                return List.of(Finding.fail("vault", e.getMessage(), e.nextStep()));
            }
            if (records > 0) {
                AuthsomeException missing = VaultErrors.keyMissing(keyringFile.path(), records);
                return List.of(Finding.fail("vault key", missing.getMessage(), missing.nextStep()));
            }
            return List.of(Finding.ok("vault", "no vault yet: the first login creates it"));
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(keyFile(keyringFile));
        findings.add(component.lock().isAcquirable() ? Finding.ok("vault lock", "the vault lock can be taken")
                : Finding.fail("vault lock", "another process holds the vault lock", "wait for it, or stop it"));
        try {
            RecordCipher cipher = component.unlocker().forRead();
            findings.add(roundTrip(cipher));
            if (cipher.keyring().keys().size() > 1) {
                findings.add(Finding.warn("vault key", "a rekey was interrupted: the vault holds "
                        + cipher.keyring().keys().size() + " keys", "authsome vault rekey"));
            }
            findings.addAll(records(component, cipher));
        } catch (AuthsomeException e) {
            findings.add(Finding.fail("vault", e.getMessage(), e.nextStep()));
        }
        return findings;
    }

    private static Finding keyFile(KeyringFile keyringFile) {
        try {
            String mode;
            try {
                mode = keyringFile.mode();
            } catch (AuthsomeException e) {
                return Finding.fail("vault key", e.getMessage(), e.nextStep());
            }
            if (PrivateFiles.isOpenToOthers(keyringFile.path())) {
                return Finding.fail("vault key", keyringFile.path() + " is readable by other users",
                        "chmod 600 " + keyringFile.path());
            }
            return Finding.ok("vault key", mode + " mode, " + keyringFile.path() + " mode 0600");
        } catch (IOException | UnsupportedOperationException e) {
            return Finding.warn("vault key", "cannot read the mode of " + keyringFile.path(), "ls -l " + keyringFile.path());
        }
    }

    private static Finding roundTrip(RecordCipher cipher) {
        byte[] probe = "authsome doctor probe".getBytes(StandardCharsets.UTF_8);
        try {
            byte[] back = cipher.open(cipher.seal(probe, "authsome/doctor"), "authsome/doctor");
            return Arrays.equals(probe, back) ? Finding.ok("vault crypto", "AES-256-GCM round trip works")
                    : Finding.fail("vault crypto", "a round trip changed the data", "reinstall authsome");
        } catch (RecordCipher.UnreadableRecordException e) {
            return Finding.fail("vault crypto", "a round trip failed: " + e.getMessage(), "reinstall authsome");
        }
    }

    private static List<Finding> records(FileVault component, RecordCipher cipher) throws AuthsomeException {
        List<Finding> findings = new ArrayList<>();
        int readable = 0;
        for (SealedFile file : SealedFile.all(component.home().profiles())) {
            try {
                file.open(cipher);
                readable++;
            } catch (RecordCipher.UnknownKeyException e) {
                AuthsomeException mismatch = VaultErrors.keyMismatch(component.keyringFile().path(), file.path(),
                        e.kid());
                findings.add(Finding.fail("vault records", mismatch.getMessage(), mismatch.nextStep()));
            } catch (IOException | io.authsome.common.json.MalformedJsonException | RecordCipher.UnreadableRecordException e) {
                findings.add(Finding.fail("vault records", file.path() + " does not decrypt: " + e.getMessage(),
                        file.identity().startsWith("authsome/index/")
                                ? "delete it; it is rebuilt from the connection records"
                                : "delete it, then log in again to that connection"));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok("vault records", readable + " encrypted files, all decrypt"));
        }
        long leftovers = leftoverTemporaryFiles(component.home().profiles());
        if (leftovers > 0) {
            findings.add(Finding.warn("vault records", leftovers + " temporary files left by interrupted writes"
                    + " (harmless; never read as records)", "find " + component.home().profiles()
                    + " -name '.*.tmp' -mmin +1 -delete"));
        }
        return findings;
    }

    private static long leftoverTemporaryFiles(Path profiles) {
        if (!Files.isDirectory(profiles)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(profiles)) {
            return paths.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".tmp");
            }).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
