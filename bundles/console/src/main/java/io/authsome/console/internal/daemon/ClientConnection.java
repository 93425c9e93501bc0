package io.authsome.console.internal.daemon;

import io.authsome.client.wire.Frame;
import io.authsome.client.wire.ChannelStreams;
import io.authsome.client.wire.FrameType;
import io.authsome.client.wire.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The daemon's end of one thin client's socket while its command runs: output goes out as
 * frames, and questions (a read of standard input, a secret, a browser, a child) go out and wait
 * for their answer. A reader thread takes the client's frames: answers are queued for the
 * question that waits, {@code CANCEL} and a closed socket interrupt the command's thread.
 */
final class ClientConnection implements AutoCloseable {
    private final SocketChannel channel;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final BlockingQueue<Frame> answers = new LinkedBlockingQueue<>();
    /** Frames that came before the one waited for; read and written by the command's thread only. */
    private final List<Frame> early = new ArrayList<>();
    /** The thread that runs the command, until it ends; a pool thread that serves other clients later. */
    private Thread command;
    private final Object commandLock = new Object();
    private volatile boolean gone;

    ClientConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
        this.out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel)));
    }

    SocketChannel channel() {
        return channel;
    }

    /** The request the client opens with; empty when it closed without one (a check that the daemon answers). */
    Optional<Request> readRequest() throws IOException {
        Optional<Frame> first = Frame.readFrom(in);
        return first.isEmpty() ? Optional.empty() : Optional.of(Request.from(first.get()));
    }

    /** From now on the client's frames are answers for the calling thread, which runs the command. */
    void listen() {
        synchronized (commandLock) {
            command = Thread.currentThread();
        }
        Thread reader = new Thread(this::readAnswers, "authsome-daemon-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAnswers() {
        try {
            while (true) {
                Optional<Frame> frame = Frame.readFrom(in);
                if (frame.isEmpty()) {
                    break;
                }
                if (frame.get().type() == FrameType.CANCEL) {
                    interruptCommand();
                } else {
                    answers.add(frame.get());
                }
            }
        } catch (IOException e) {
            // the client went away: as if it had closed
        }
        gone = true;
        interruptCommand();
    }

    /** Interrupts the command while it runs; never the thread after it, which may serve another client by then. */
    private void interruptCommand() {
        synchronized (commandLock) {
            if (command != null) {
                command.interrupt();
            }
        }
    }

    /** The command ended: from now on nothing the client sends interrupts the thread that ran it. */
    private void release() {
        synchronized (commandLock) {
            command = null;
        }
        Thread.interrupted(); // a cancel that came too late changes nothing now
    }

    /** Whether the client closed its end (it was killed, or gave up). */
    boolean gone() {
        return gone;
    }

    synchronized void send(Frame frame) throws IOException {
        if (!channel.isOpen()) {
            throw new IOException("the client is gone");
        }
        frame.writeTo(out);
        out.flush();
    }

    /** Sends {@code question} and waits for the answer of type {@code answer}. */
    Frame ask(Frame question, FrameType answer) throws IOException {
        send(question);
        try {
            return await(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the client");
        }
    }

    /**
     * Waits for the client's next frame of type {@code type}. A frame of another type that comes
     * first (a child's exit may overtake the answer that it started) is kept for its own wait.
     */
    Frame await(FrameType type) throws IOException, InterruptedException {
        for (Iterator<Frame> kept = early.iterator(); kept.hasNext(); ) {
            Frame frame = kept.next();
            if (frame.type() == type) {
                kept.remove();
                return frame;
            }
        }
        while (true) {
            if (gone && answers.isEmpty()) {
                throw new IOException("the client is gone");
            }
            Frame frame = answers.take();
            if (frame.type() == type) {
                return frame;
            }
            early.add(frame);
        }
    }

    /** Standard output or error of the client, as a stream of frames. */
    PrintStream printStream(FrameType type) {
        OutputStream frames = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length > 0) {
                    byte[] chunk = new byte[length];
                    System.arraycopy(bytes, offset, chunk, 0, length);
                    send(new Frame(type, chunk));
                }
            }
        };
        return new PrintStream(frames, true, StandardCharsets.UTF_8);
    }

    /** Standard input of the client, read on demand: nothing is taken from it that the command does not read. */
    InputStream stdin() {
        return new InputStream() {
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (ended) {
                    return -1;
                }
                if (length == 0) {
                    return 0;
                }
                Frame data = ask(Frame.of(FrameType.READ_STDIN, Math.min(length, 65536)), FrameType.STDIN);
                if (data.payload().length == 0) {
                    ended = true;
                    return -1;
                }
                System.arraycopy(data.payload(), 0, bytes, offset, data.payload().length);
                return data.payload().length;
            }
        };
    }

    /** Ends the command with {@code code}: the client exits with it. */
    void exit(int code) {
        release();
        try {
            send(Frame.of(FrameType.EXIT, code));
        } catch (IOException e) {
            // the client is gone: nobody to tell
        }
    }

    @Override
    public void close() {
        release();
        try {
            channel.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
