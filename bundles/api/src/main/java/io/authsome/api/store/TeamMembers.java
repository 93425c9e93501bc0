package io.authsome.api.store;

import io.authsome.api.AuthsomeException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The members of a shared store: each holds a key pair whose public half the store has, and the
 * store's data key is kept wrapped for each member's public key. Someone with access to the
 * database alone (its password) opens no record; a member opens them with the private key kept
 * in its own home.
 */
@ProviderType
public interface TeamMembers {
    /** The members, by name. */
    List<Member> list() throws AuthsomeException;

    /**
     * This home's own member key: its public half, which a member passes to {@link #add} to let
     * this home in. The key pair is made on first use and kept in the home (mode 0600).
     */
    Member self() throws AuthsomeException;

    /**
     * Lets a home in: the data key is wrapped for {@code publicKey}.
     *
     * @throws AuthsomeException {@code INVALID_INPUT} for a malformed key, {@code NOT_ALLOWED} for a
     *                           name or key already in, {@code AUTHENTICATION_FAILED} when this home
     *                           is not a member itself
     */
    Member add(String name, String publicKey) throws AuthsomeException;

    /**
     * Removes a member and rotates the data key: every record is re-encrypted under a new key
     * that is wrapped for the remaining members only, so the removed member's key opens no record
     * written from then on.
     *
     * @return the number of records re-encrypted
     */
    int remove(String name) throws AuthsomeException;
}
