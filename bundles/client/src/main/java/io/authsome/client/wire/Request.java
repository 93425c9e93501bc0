package io.authsome.client.wire;

import java.util.List;
import java.util.Map;

/**
 * What the thin client sends first: one invocation of {@code authsome}.
 *
 * @param pid              the client's process id, as it claims it (the daemon verifies it)
 * @param workingDirectory where relative paths on the command line resolve
 * @param stdinTerminal    whether standard input is a terminal
 * @param stdoutTerminal   whether standard output is a terminal
 * @param stderrTerminal   whether standard error is a terminal
 * @param arguments        the command line, as the shell passed it
 * @param environment      the client's environment, with the secret variables bin/authsome took
 *                         out of it; never part of {@link #toString()}
 */
public record Request(long pid, String workingDirectory, boolean stdinTerminal, boolean stdoutTerminal,
                      boolean stderrTerminal, List<String> arguments, Map<String, String> environment) {
    /** The version of this protocol; a daemon refuses a client of another version. */
    public static final int VERSION = 1;

    public Frame toFrame() {
        return new Frame(FrameType.REQUEST, Fields.writer().add(Integer.toString(VERSION)).add(Long.toString(pid))
                .add(workingDirectory).add(flags()).addList(arguments).addMap(environment).toBytes());
    }

    public static Request from(Frame frame) throws ProtocolException {
        if (frame.type() != FrameType.REQUEST) {
            throw new ProtocolException("expected a request, got " + frame.type());
        }
        Fields fields = Fields.read(frame.payload());
        String version = fields.next();
        if (!version.equals(Integer.toString(VERSION))) {
            throw new ProtocolException("client speaks version " + version + ", this daemon " + VERSION);
        }
        long pid;
        try {
            pid = Long.parseLong(fields.next());
        } catch (NumberFormatException e) {
            throw new ProtocolException("the pid is not a number");
        }
        String directory = fields.next();
        String flags = fields.next();
        if (flags.length() != 3) {
            throw new ProtocolException("malformed terminal flags");
        }
        return new Request(pid, directory, flags.charAt(0) == '1', flags.charAt(1) == '1', flags.charAt(2) == '1',
                fields.nextList(), fields.nextMap());
    }

    private String flags() {
        return (stdinTerminal ? "1" : "0") + (stdoutTerminal ? "1" : "0") + (stderrTerminal ? "1" : "0");
    }

    @Override
    public String toString() {
        return "Request[pid=" + pid + ", " + arguments.size() + " arguments, " + environment.size() + " variables]";
    }
}
