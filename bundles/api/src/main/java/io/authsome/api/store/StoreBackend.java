package io.authsome.api.store;

import io.authsome.api.AuthsomeException;
import io.authsome.api.health.Finding;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The records of a vault kept somewhere other than the home's files. A backend bundle registers
 * one as a service with the property {@value #BACKEND}; the store bundle's vault uses it when the
 * home's {@code store.backend} has that value, and checks profile names and the active profile
 * itself. Records are sealed as the file vault seals them (AES-256-GCM bound to their identity),
 * so the backend holds ciphertext and names only. Thread-safe; any number of runtimes, on any
 * number of machines, may use one backend's data at once.
 * <p>
 * Errors: {@code RUNTIME_UNAVAILABLE} (exit 9) when the backend cannot be reached, naming it and
 * the cause, with nothing changed; the errors of {@link io.authsome.api.vault.Vault} otherwise.
 */
@ConsumerType
public interface StoreBackend {
    /** Service property: the {@code store.backend} value this backend serves, such as {@code postgres}. */
    String BACKEND = "authsome.store.backend";

    /** What runs while a {@linkplain #withRefreshLock refresh lock} is held. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws AuthsomeException;
    }

    /** Where the records are, for messages: the backend and its address, never a password. */
    String describe();

    /** How records are encrypted, as {@link io.authsome.api.vault.Vault#encryptionMode()} says it. */
    String encryptionMode();

    /** Whether the store holds a vault yet (created by the first write). */
    boolean exists() throws AuthsomeException;

    /** The names of the profiles that exist, sorted; {@code default} is among them. */
    List<String> profiles() throws AuthsomeException;

    /**
     * Creates an empty profile of a valid name.
     *
     * @return false when the profile exists already (nothing is changed)
     */
    boolean createProfile(String name) throws AuthsomeException;

    /** Deletes a profile and every connection in it. */
    void deleteProfile(String name) throws AuthsomeException;

    /** The connections of a profile that exists (or the default one). */
    ProfileStore profile(String name) throws AuthsomeException;

    /**
     * Makes a new data key and re-encrypts every record under it, as {@link
     * io.authsome.api.vault.Vault#rekey} does.
     *
     * @return the number of records re-encrypted
     */
    int rekey(String mode, Secret newPassphrase) throws AuthsomeException;

    /**
     * Runs {@code action} holding the refresh lock of one connection: no other runtime of any home
     * that shares this backend holds the same lock meanwhile. A lock whose holder dies is released
     * without waiting for it.
     *
     * @throws AuthsomeException {@code RUNTIME_UNAVAILABLE} when the lock is not had within two
     *                           minutes, or the backend cannot be reached
     */
    <T> T withRefreshLock(String profile, String provider, String connection, Locked<T> action) throws AuthsomeException;

    /** The people or machines that may open the records, for a store several homes share. */
    Optional<TeamMembers> members();

    /** The custom provider definitions of a store several homes share. */
    Optional<SharedProviders> sharedProviders();

    /** The audit trail of every runtime of the store, for a store several homes share. */
    Optional<AuditTrail> auditTrail();

    /** What {@code doctor} reports about the backend. */
    List<Finding> check();
}
