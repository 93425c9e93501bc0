package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.common.seal.Keyring;
import io.authsome.common.seal.RecordCipher;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The team's data key as this home holds it: unwrapped from this member's row with the private
 * key of the home, kept in memory, and loaded again when a record names a key it lacks (after a
 * rotation). Every write holds the keyring lock shared, a rotation holds it alone, so no record is
 * ever sealed with a key that a rotation is retiring. The first write to an empty store makes the
 * data key and this home its first member.
 */
final class TeamKeys {
    /** The transaction lock between writes (shared) and rotations of the data key (exclusive). */
    static final long KEYRING_LOCK = Identities.lockKey("authsome/keyring");

    private final Database database;
    private final MemberKey self;
    private final String memberName;
    private volatile RecordCipher cipher;

    TeamKeys(Database database, MemberKey self, String memberName) {
        this.database = database;
        this.self = self;
        this.memberName = memberName;
    }

    MemberKey self() {
        return self;
    }

    String memberName() {
        return memberName;
    }

    /** The cipher for reading, loaded on first use. */
    RecordCipher forRead(Connection connection) throws SQLException, AuthsomeException {
        RecordCipher current = cipher;
        return current != null ? current : reload(connection);
    }

    /** The keyring read again from this member's row: after a record named a key the cached one lacks. */
    RecordCipher reload(Connection connection) throws SQLException, AuthsomeException {
        try (PreparedStatement select = connection.prepareStatement(
                "select wrapped_key from members where public_key = ?")) {
            select.setString(1, self.publicText());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw notMember();
                }
                RecordCipher loaded = new RecordCipher(self.unwrap(rows.getString(1)));
                cipher = loaded;
                return loaded;
            }
        } catch (GeneralSecurityException e) {
            throw new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "the data key wrapped for this home in "
                    + database.describe() + " does not open with its member key (" + e.getMessage() + ")",
                    "ask a member to run: authsome vault members remove " + memberName
                            + "; then: authsome vault members add " + memberName + " " + self.publicText());
        }
    }

    /**
     * The cipher for a write, inside the write's transaction: holds the keyring lock shared until
     * it ends, and makes sure the cipher seals with the team's current key.
     */
    RecordCipher forWrite(Connection connection) throws SQLException, AuthsomeException {
        String currentKid;
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock_shared(" + KEYRING_LOCK + ")");
            try (ResultSet rows = statement.executeQuery("select current_kid from team")) {
                currentKid = rows.next() ? rows.getString(1) : null;
            }
        }
        if (currentKid == null) {
            throw new IllegalStateException("the store has no data key: create it before the write");
        }
        RecordCipher current = forRead(connection);
        return current.keyring().current().equals(currentKid) ? current : reload(connection);
    }

    /** Makes the data key and this home its first member, unless the store has one already. */
    void createIfMissing() throws AuthsomeException {
        if (cipher != null) {
            return;
        }
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + KEYRING_LOCK + ")");
                try (ResultSet rows = statement.executeQuery("select 1 from team")) {
                    if (rows.next()) {
                        return null;
                    }
                }
            }
            Keyring keyring = Keyring.generate();
            try (PreparedStatement team = connection.prepareStatement("insert into team (current_kid) values (?)");
                 PreparedStatement member = connection.prepareStatement(
                         "insert into members (name, public_key, wrapped_key, added_by) values (?, ?, ?, ?)")) {
                team.setString(1, keyring.current());
                team.executeUpdate();
                member.setString(1, memberName);
                member.setString(2, self.publicText());
                member.setString(3, MemberKey.wrap(keyring, self.publicText()));
                member.setString(4, memberName);
                member.executeUpdate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot wrap a new data key: " + e.getMessage(), e);
            }
            cipher = new RecordCipher(keyring);
            return null;
        });
    }

    /** Seals and opens with {@code keyring} from now on: after this home rotated the data key. */
    void use(Keyring keyring) {
        cipher = new RecordCipher(keyring);
    }

    private AuthsomeException notMember() {
        return new AuthsomeException(ErrorCode.AUTHENTICATION_FAILED, "this home is not a member of "
                + database.describe() + ": no data key is wrapped for its member key ("
                + MemberKey.fingerprint(self.publicText()) + "); nothing was read",
                "ask a member to run: authsome vault members add " + memberName + " " + self.publicText());
    }
}
