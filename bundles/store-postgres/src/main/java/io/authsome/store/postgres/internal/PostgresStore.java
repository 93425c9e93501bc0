package io.authsome.store.postgres.internal;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.config.Configuration;
import io.authsome.api.config.StoreConfig;
import io.authsome.api.health.Finding;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.store.AuditTrail;
import io.authsome.api.store.Member;
import io.authsome.api.store.SharedProviders;
import io.authsome.api.store.StoreBackend;
import io.authsome.api.store.TeamMembers;
import io.authsome.api.vault.ProfileStore;
import io.authsome.api.vault.Secret;
import io.authsome.common.env.Passphrases;
import io.authsome.common.home.DaemonRuntime;
import io.authsome.common.home.Homes;
import io.authsome.common.seal.PassphraseWrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The vault's records in PostgreSQL ({@code store.backend postgres}): opened on first use with
 * {@code store.url}, the schema brought up to date, this home's member key read from
 * {@code member.key} (made on first use).
 */
@Component(service = StoreBackend.class, property = StoreBackend.BACKEND + "=" + StoreConfig.POSTGRES)
public final class PostgresStore implements StoreBackend {
    /** Connections a runtime keeps at most: a command uses one or two, a daemon serves many. */
    private static final int MAX_CONNECTIONS = 8;

    @Reference
    private Configuration configuration;

    private HomeLayout home;
    /** The passphrase of this home's member key, for a key that has one. */
    private MemberKey.Passphrase passphrase = () -> Passphrases.ask("this home's member key",
            "Passphrase of this home's member key: ");
    /** Whether this runtime lives on (the daemon): it keeps what it read, to serve through an outage. */
    private boolean longLived;
    private volatile Team team;
    private RefreshLocks locks;
    private TeamAudit trail;

    @Activate
    void activate(BundleContext context) {
        home = Homes.layout(context);
        longLived = DaemonRuntime.isDaemon(context);
    }

    /** For tests: a store for {@code home} without a framework. */
    public void activate(HomeLayout home, Configuration configuration, boolean longLived) {
        this.configuration = configuration;
        this.home = home;
        this.longLived = longLived;
    }

    /** For tests: where the passphrase of this home's member key comes from. */
    public void passphrase(Supplier<Secret> source) {
        passphrase = source::get;
    }

    @Deactivate
    public synchronized void deactivate() {
        if (trail != null) {
            trail.close();
        }
        if (locks != null) {
            locks.close();
        }
        if (team != null) {
            team.close();
        }
    }

    @Override
    public String describe() {
        return Database.describe(configuration.current().store().url());
    }

    /** {@code passphrase} when this home's member key is wrapped under one, else {@code team}. */
    @Override
    public String encryptionMode() {
        try {
            return MemberKey.hasPassphrase(memberKeyFile()) ? "passphrase" : "team";
        } catch (IOException e) {
            return "damaged";
        }
    }

    @Override
    public boolean exists() throws AuthsomeException {
        return team().read(db -> {
            try (PreparedStatement select = db.prepareStatement("select 1 from team");
                 ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public List<String> profiles() throws AuthsomeException {
        return team().remembered(LastKnown.PROFILES, db -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("select name from profiles order by name collate \"C\"");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }, known -> true);
    }

    @Override
    public boolean createProfile(String name) throws AuthsomeException {
        return team().write((db, cipher) -> {
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into profiles (name) values (?) on conflict (name) do nothing")) {
                insert.setString(1, name);
                Team.announce(db, "*");
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void deleteProfile(String name) throws AuthsomeException {
        team().write((db, cipher) -> {
            try (PreparedStatement delete = db.prepareStatement("delete from profiles where name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            Team.announce(db, "*");
            return null;
        });
    }

    @Override
    public ProfileStore profile(String name) throws AuthsomeException {
        return new PostgresProfileStore(team(), name);
    }

    /**
     * {@code team}: a new data key for the team, every record re-encrypted. {@code passphrase} or
     * {@code key-file}: this home's member key wrapped under {@code newPassphrase}, or kept in the
     * clear (mode 0600); the team's records are untouched.
     *
     * @return the number of records re-encrypted, or 1 for the member key
     */
    @Override
    public int rekey(String mode, Secret newPassphrase) throws AuthsomeException {
        Team current = team();
        switch (mode) {
            case "team":
                return current.exclusive(db -> new KeyRotation(current).rotate(db));
            case "passphrase":
                if (newPassphrase == null || !PassphraseWrap.longEnough(newPassphrase)) {
                    throw new AuthsomeException(ErrorCode.INVALID_INPUT, "the new passphrase is too short: it needs at"
                            + " least " + PassphraseWrap.MIN_PASSPHRASE_LENGTH + " characters; nothing was changed",
                            "authsome vault rekey --mode passphrase with a passphrase of "
                                    + PassphraseWrap.MIN_PASSPHRASE_LENGTH + " characters or more");
                }
                return protectMemberKey(current, newPassphrase);
            case "key-file":
                return protectMemberKey(current, null);
            default:
                throw new AuthsomeException(ErrorCode.USAGE, "unknown encryption mode '" + mode + "'",
                        "use passphrase or key-file for this home's member key, or no --mode for a new data key");
        }
    }

    private int protectMemberKey(Team current, Secret newPassphrase) throws AuthsomeException {
        try {
            current.keys().self().save(memberKeyFile(), newPassphrase);
            return 1;
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot write " + memberKeyFile() + ": " + e.getMessage(),
                    "authsome doctor");
        }
    }

    private Path memberKeyFile() {
        return home.root().resolve("member.key");
    }

    @Override
    public <T> T withRefreshLock(String profile, String provider, String connection, Locked<T> action)
            throws AuthsomeException {
        RefreshLocks held;
        synchronized (this) {
            if (locks == null) {
                locks = new RefreshLocks(team().database());
            }
            held = locks;
        }
        return held.withLock(profile, provider, connection, () -> Team.fresh(action));
    }

    @Override
    public Optional<TeamMembers> members() {
        return Optional.of(new PostgresMembers(this::team));
    }

    @Override
    public Optional<SharedProviders> sharedProviders() {
        return Optional.of(new PostgresProviders(this::team));
    }

    @Override
    public synchronized Optional<AuditTrail> auditTrail() {
        if (trail == null) {
            StoreConfig config = configuration.current().store();
            trail = new TeamAudit(this::team, host(), (longLived ? "daemon " : "command ")
                    + ProcessHandle.current().pid(), memberName(config));
        }
        return Optional.of(trail);
    }

    @Override
    public List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        try {
            Team current = team();
            findings.add(current.schemaVersion() > Migrations.LATEST
                    ? Finding.warn("store", describe() + " answers, with schema version " + current.schemaVersion()
                    + ", newer than this authsome knows (" + Migrations.LATEST + "): it reads but does not write",
                    "upgrade authsome on this machine to the version the other members use")
                    : Finding.ok("store", describe() + " answers (schema version " + current.schemaVersion() + ")"));
            Member self = new PostgresMembers(() -> current).self();
            findings.add(!exists() ? Finding.ok("store member", "the store is empty: this home becomes its first"
                    + " member, '" + self.name() + "', with its first write")
                    : self.addedAt() != null
                    ? Finding.ok("store member", "this home is the member '" + self.name() + "' (" + self.fingerprint() + ")")
                    : Finding.warn("store member", "this home is not a member of " + describe() + " yet",
                    "ask a member to run: authsome vault members add " + self.name() + " " + self.publicKey()));
        } catch (AuthsomeException e) {
            findings.add(Finding.fail("store", e.getMessage(), e.nextStep()));
        }
        return findings;
    }

    /** The store, opened on first use: the pool, the schema brought up to date, this home's key. */
    private Team team() throws AuthsomeException {
        Team opened = team;
        return opened != null ? opened : open();
    }

    /** Opens the store once, for every thread that asks first at the same time. */
    private synchronized Team open() throws AuthsomeException {
        if (team != null) {
            return team;
        }
        StoreConfig config = configuration.current().store();
        if (config.url().isEmpty()) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "store.backend is postgres but store.url is not set in "
                    + home.config(), "set store.url to jdbc:postgresql://HOST:PORT/DATABASE (see docs/team.md)");
        }
        Path passwordFile = config.passwordFile().isEmpty() ? null : home.root().resolve(config.passwordFile());
        String member = memberName(config);
        Database database = new Database(config.url(), config.user(), StorePassword.resolve(passwordFile),
                MAX_CONNECTIONS);
        try {
            int version = Migrations.apply(database, member);
            MemberKey self = MemberKey.loadOrCreate(memberKeyFile(), passphrase);
            team = new Team(database, new TeamKeys(database, self, member), version, longLived);
            return team;
        } catch (IOException e) {
            database.close();
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot read this home's member key: " + e.getMessage(),
                    "authsome doctor");
        } catch (AuthsomeException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** {@code store.member}, else {@code user@host}. */
    private static String memberName(StoreConfig config) {
        if (!config.member().isEmpty()) {
            return config.member();
        }
        return System.getProperty("user.name") + "@" + host();
    }

    /** This machine's name, as {@code /etc/hostname} has it. */
    private static String host() {
        try {
            String host = Files.readString(Path.of("/etc/hostname")).strip();
            return host.isEmpty() ? "localhost" : host;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
