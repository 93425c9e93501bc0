package io.authsome.api.plugin;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every provider plugin declares: the fields a login asks for, and their check. Register
 * an implementation of {@link CredentialInjector} or {@link TokenMinter} (never this interface
 * alone) with the service property {@value #ID} set to the id that provider definitions name in
 * {@code "injector"}. Implementations are called from many threads at once and must be
 * thread-safe; they keep no secret between calls.
 */
@ConsumerType
public interface CredentialPlugin {
    /** The service property holding the plugin's id, e.g. {@code aws-sigv4}. */
    String ID = "authsome.plugin";

    /** The fields a login asks for, in the order it asks. */
    List<CredentialField> fields();

    /**
     * Checks the values a login collected, before anything is stored: that a key parses, that a
     * key file is of the right type. Offline: a {@link TokenMinter}'s first mint follows and
     * proves the credentials.
     *
     * @param values the values given (optional fields left empty are absent)
     * @return non-secret facts to store with the connection, such as {@code account}; may be empty
     * @throws InvalidFieldException naming the field that is wrong and why
     */
    Map<String, String> check(ConnectionFields values) throws InvalidFieldException;
}
