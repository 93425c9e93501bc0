package io.authsome.api.vault;

import io.authsome.api.AuthsomeException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The encrypted vault of one home directory. The vault is unlocked once per process, on first
 * use: from {@code master.key}, or from a passphrase ({@code AUTHSOME_PASSPHRASE}, else a masked
 * prompt) in passphrase mode. Thread-safe; several processes may use one vault at once.
 * <p>
 * Errors: {@code AUTHENTICATION_FAILED} for a wrong passphrase (nothing is changed),
 * {@code CREDENTIAL_UNAVAILABLE} for a record that does not decrypt (named in the message),
 * {@code NOT_ALLOWED} for an unknown or protected profile.
 */
@ProviderType
public interface Vault {
    /** The profile used when none is chosen with {@code --profile}. */
    String DEFAULT_PROFILE = "default";

    /** {@code key-file} or {@code passphrase}; {@code none} before the vault was first written. */
    String encryptionMode();

    /** Whether the vault exists yet (it is created by the first write). */
    boolean exists();

    /** The profile that commands use when none is given. */
    String activeProfile();

    /** Makes {@code name} the active profile. */
    void useProfile(String name) throws AuthsomeException;

    /**
     * The names of the existing profiles, sorted; {@value #DEFAULT_PROFILE} is always among them.
     *
     * @throws AuthsomeException {@code RUNTIME_UNAVAILABLE} when the store cannot be reached (since 2.2)
     */
    List<String> profiles() throws AuthsomeException;

    /**
     * Creates an empty profile.
     *
     * @param name the new profile's name
     * @throws AuthsomeException {@code NOT_ALLOWED} when it exists, {@code USAGE} for a name that is
     *                           not a valid profile name
     */
    void createProfile(String name) throws AuthsomeException;

    /** Deletes a profile and every connection in it; the active profile cannot be deleted. */
    void deleteProfile(String name) throws AuthsomeException;

    /** The connections of a profile; the profile must exist, except the default one. */
    ProfileStore profile(String name) throws AuthsomeException;

    /**
     * Re-encrypts every record with a new master key, and switches to {@code mode} ({@code key-file}
     * or {@code passphrase}, the new passphrase coming from {@code newPassphrase}). A rekey that
     * is interrupted at any point leaves a vault that opens with the old or the new secret.
     *
     * @return the number of records re-encrypted
     */
    int rekey(String mode, Secret newPassphrase) throws AuthsomeException;
}
