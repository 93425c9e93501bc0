package io.authsome.client.wire;

import java.util.List;
import java.util.Map;

/**
 * The program of an {@code authsome run} whose proxy lives in the daemon, for the client to start.
 *
 * @param command     the program and its arguments
 * @param environment exactly the child's environment; never part of {@link #toString()}
 * @param directory   its working directory
 */
public record ChildRequest(List<String> command, Map<String, String> environment, String directory) {
    public Frame toFrame() {
        return new Frame(FrameType.START_CHILD, Fields.writer().addList(command).addMap(environment).add(directory)
                .toBytes());
    }

    public static ChildRequest from(Frame frame) throws ProtocolException {
        Fields fields = Fields.read(frame.payload());
        return new ChildRequest(fields.nextList(), fields.nextMap(), fields.next());
    }

    @Override
    public String toString() {
        return "ChildRequest[" + command.size() + " arguments, " + environment.size() + " variables]";
    }
}
