package io.authsome.common.json;

/** A document is not the JSON it should be. The message says where, never what the document held. */
public class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message) {
        super(message);
    }
}
