package io.authsome.client.wire;

/**
 * The kinds of frame on the daemon's socket. The client opens with one {@link #REQUEST}; after
 * that the daemon leads: it streams output, asks for input, a secret, a browser or a child, and
 * ends with {@link #EXIT}. Each question has one answer from the client.
 */
public enum FrameType {
    // client -> daemon
    /** The command line, working directory, environment and terminal of the invocation ({@link Request}). */
    REQUEST(1),
    /** Answer to {@link #READ_STDIN}: bytes of standard input, none at its end. */
    STDIN(2),
    /** Answer to {@link #ASK_SECRET}: what was typed (UTF-8), nothing when nothing was. */
    SECRET(3),
    /** Answer to {@link #OPEN_BROWSER}: {@code 1} when a browser was started, else {@code 0}. */
    BROWSER_OPENED(4),
    /** Answer to {@link #START_CHILD}: the child's pid, or {@code !} and why it could not start. */
    CHILD_STARTED(5),
    /** The child started on {@link #START_CHILD} ended with this exit code. */
    CHILD_EXITED(6),
    /** The person pressed Ctrl-C (or the client got SIGTERM) while no child runs. */
    CANCEL(7),
    /** Answer to {@link #ASK_TEXT}: what was typed (UTF-8), nothing when nothing was. */
    TEXT(8),

    // daemon -> client
    /** Bytes for standard output. */
    STDOUT(64),
    /** Bytes for standard error. */
    STDERR(65),
    /** Read at most this many bytes of standard input (decimal) and send them as {@link #STDIN}. */
    READ_STDIN(66),
    /** Ask this prompt on the terminal without echo and send the answer as {@link #SECRET}. */
    ASK_SECRET(67),
    /** Open this URL in the person's browser; answer with {@link #BROWSER_OPENED}. */
    OPEN_BROWSER(68),
    /** Start the program of an {@code authsome run} ({@link ChildRequest}); answer with {@link #CHILD_STARTED}. */
    START_CHILD(69),
    /** The command ended with this exit code (decimal): the last frame. */
    EXIT(70),
    /**
     * Ask this prompt on the terminal showing what is typed (a value that is not secret: an id,
     * a region) and send the answer as {@link #TEXT}.
     */
    ASK_TEXT(71);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static FrameType of(int code) throws ProtocolException {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new ProtocolException("unknown frame type " + code);
    }
}
