package io.authsome.api.config;

import java.util.Objects;

/**
 * The {@code store} section: where the vault's records live.
 *
 * @param backend      {@code store.backend}: {@value #FILE} (the default: encrypted files under the
 *                     home's {@code profiles/}) or {@value #POSTGRES} (a database that several homes
 *                     may share); another value stops every command that uses the vault
 * @param url          {@code store.url}: the JDBC URL of the database, such as
 *                     {@code jdbc:postgresql://db.internal:5432/authsome}; empty when not set
 * @param user         {@code store.user}: the database user; empty when not set (the URL's, or
 *                     the system user's name)
 * @param passwordFile {@code store.password_file}: a file of mode 0600 holding the database
 *                     password, used when {@code AUTHSOME_STORE_PASSWORD} is not set; empty when
 *                     not set
 * @param member       {@code store.member}: the name this home goes by among the members of a
 *                     shared store; empty when not set (then {@code user@host})
 * @since 1.3
 */
public record StoreConfig(Setting<String> backend, String url, String user, String passwordFile, String member) {
    /** {@code store.backend} for the encrypted files of the home. */
    public static final String FILE = "file";
    /** {@code store.backend} for a PostgreSQL database. */
    public static final String POSTGRES = "postgres";

    /** The defaults: the file store. */
    public static final StoreConfig DEFAULTS = new StoreConfig(Setting.of(FILE), "", "", "", "");

    public StoreConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(member, "member");
    }
}
