package io.authsome.api.plugin;

/**
 * A value given at login that the plugin refuses: a private key that does not parse, a key file
 * of the wrong type. The message says what is wrong with it without repeating it.
 */
public class InvalidFieldException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field   the field's name
     * @param message what is wrong, for the person, never the value
     */
    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The name of the refused field. */
    public String field() {
        return field;
    }
}
