package io.authsome.console.internal.daemon;

import io.authsome.api.command.ChildProcess;
import io.authsome.api.home.HomeLayout;
import io.authsome.api.login.LoginInteraction;
import io.authsome.api.vault.Secret;
import io.authsome.client.browser.Browser;
import io.authsome.client.wire.ChildRequest;
import io.authsome.client.wire.Frame;
import io.authsome.client.wire.FrameType;
import io.authsome.client.wire.Request;
import io.authsome.console.internal.Person;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The person behind a thin client: their terminal, browser and child are the client's. */
final class RemotePerson implements Person {
    private final ClientConnection connection;
    private final Request request;
    private final Optional<Confinement> confinement;

    /** @param confinement what the daemon found out about the client's place (see {@link PeerCheck}) */
    RemotePerson(ClientConnection connection, Request request, Optional<Confinement> confinement) {
        this.connection = connection;
        this.request = request;
        this.confinement = confinement;
    }

    @Override
    public boolean stdinIsTerminal() {
        return request.stdinTerminal();
    }

    @Override
    public boolean stderrIsTerminal() {
        return request.stderrTerminal();
    }

    @Override
    public boolean browserAvailable() {
        return Browser.available(request.environment());
    }

    @Override
    public Optional<LoginInteraction.OpenedBrowser> openBrowser(String url, HomeLayout home) {
        try {
            Frame opened = connection.ask(Frame.of(FrameType.OPEN_BROWSER, url), FrameType.BROWSER_OPENED);
            return opened.text().equals("1") ? Optional.of(() -> { }) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Secret> askWithoutEcho(String prompt, PrintStream diagnostics) {
        try {
            Frame answer = connection.ask(Frame.of(FrameType.ASK_SECRET, prompt), FrameType.SECRET);
            return answer.payload().length == 0 ? Optional.empty()
                    : Optional.of(Secret.of(new String(answer.payload(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> askShown(String prompt) {
        try {
            Frame answer = connection.ask(Frame.of(FrameType.ASK_TEXT, prompt), FrameType.TEXT);
            return answer.payload().length == 0 ? Optional.empty()
                    : Optional.of(new String(answer.payload(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public ChildProcess startChild(List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        Frame started = connection.ask(new ChildRequest(command, environment, directory.toString()).toFrame(),
                FrameType.CHILD_STARTED);
        String answer = started.text();
        if (answer.startsWith("!")) {
            throw new IOException(answer.substring(1));
        }
        long pid = started.number();
        return new ChildProcess() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public int waitFor() {
                // An interrupt (the client's Ctrl-C reaches the child itself; a daemon stopping)
                // does not end the wait: the client reports the child's end, or goes away.
                while (true) {
                    try {
                        return (int) connection.await(FrameType.CHILD_EXITED).number();
                    } catch (InterruptedException e) {
                        if (connection.gone()) {
                            return 129;
                        }
                    } catch (IOException e) {
                        return 129;
                    }
                }
            }

            @Override
            public void close() {
                // the client holds the child's signals and marking
            }
        };
    }

    @Override
    public Optional<Confinement> confinement() {
        return confinement;
    }
}
