package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.store.Member;
import io.authsome.api.store.TeamMembers;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The members of the team store: the rows of {@code members}, each with the data key wrapped for its public key. */
final class PostgresMembers implements TeamMembers {
    /** Names as people write them: {@code ci-runner-1}, {@code alice@laptop}. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$");

    /** The store, opened when a member operation first needs it. */
    @FunctionalInterface
    interface Opener {
        Team team() throws AuthsomeException;
    }

    private final Opener store;

    PostgresMembers(Opener store) {
        this.store = store;
    }

    @Override
    public List<Member> list() throws AuthsomeException {
        return store.team().read(db -> {
            List<Member> members = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement(
                    "select name, public_key, added_at, added_by from members order by name collate \"C\"");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(member(rows));
                }
            }
            return members;
        });
    }

    @Override
    public Member self() throws AuthsomeException {
        Team team = store.team();
        TeamKeys keys = team.keys();
        String publicKey = keys.self().publicText();
        Optional<Member> row = team.read(db -> {
            try (PreparedStatement select = db.prepareStatement(
                    "select name, public_key, added_at, added_by from members where public_key = ?")) {
                select.setString(1, publicKey);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(member(rows)) : Optional.<Member>empty();
                }
            }
        });
        return row.orElseGet(() -> new Member(keys.memberName(), publicKey, MemberKey.fingerprint(publicKey), null, null));
    }

    @Override
    public Member add(String name, String publicKey) throws AuthsomeException {
        if (!NAME.matcher(name).matches()) {
            throw new AuthsomeException(ErrorCode.USAGE, "member name '" + name + "' must match " + NAME.pattern());
        }
        String canonical;
        try {
            canonical = MemberKey.canonical(publicKey);
        } catch (GeneralSecurityException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "'" + shorten(publicKey) + "' is not a member key: "
                    + e.getMessage(), "on the home to add, run: authsome vault members self; and pass the key it prints");
        }
        Team team = store.team();
        return team.write((db, cipher) -> {
            try (PreparedStatement select = db.prepareStatement(
                    "select name from members where name = ? or public_key = ?")) {
                select.setString(1, name);
                select.setString(2, canonical);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "member '" + rows.getString(1)
                                + "' already has that name or key", "authsome vault members list");
                    }
                }
            }
            try (PreparedStatement insert = db.prepareStatement("insert into members (name, public_key, wrapped_key,"
                    + " added_by) values (?, ?, ?, ?) returning name, public_key, added_at, added_by")) {
                insert.setString(1, name);
                insert.setString(2, canonical);
                insert.setString(3, MemberKey.wrap(cipher.keyring(), canonical));
                insert.setString(4, adder(db, team.keys()));
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return member(rows);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot wrap the data key: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public int remove(String name) throws AuthsomeException {
        Team team = store.team();
        return team.exclusive(db -> {
            try (PreparedStatement delete = db.prepareStatement("delete from members where name = ?")) {
                delete.setString(1, name);
                if (delete.executeUpdate() == 0) {
                    throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "no member named '" + name + "'",
                            "authsome vault members list");
                }
            }
            try (PreparedStatement count = db.prepareStatement("select count(*) from members");
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                if (rows.getInt(1) == 0) {
                    throw new AuthsomeException(ErrorCode.NOT_ALLOWED, "'" + name + "' is the last member: without"
                            + " one, no one could open the store; nothing was changed", "authsome vault members add"
                            + " ANOTHER KEY first");
                }
            }
            return new KeyRotation(team).rotate(db);
        });
    }

    /** The name of this home's member row: the member who adds another. */
    private static String adder(Connection db, TeamKeys keys) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select name from members where public_key = ?")) {
            select.setString(1, keys.self().publicText());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : keys.memberName();
            }
        }
    }

    private static Member member(ResultSet rows) throws SQLException {
        String publicKey = rows.getString(2);
        Timestamp addedAt = rows.getTimestamp(3);
        return new Member(rows.getString(1), publicKey, MemberKey.fingerprint(publicKey),
                addedAt == null ? null : addedAt.toInstant(), rows.getString(4));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
