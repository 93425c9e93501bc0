package io.authsome.api.login;

import io.authsome.api.vault.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How a login flow talks with whoever logs in, without knowing where they are: it shows an
 * address to visit, asks for a value, tells what happens and shows that it waits. The console
 * serves it on the terminal (standard error for people, standard output for {@code --json}
 * events); everything that goes in and out is a plain value, so that a long-lived runtime can
 * serve it for a client on the other end of a socket.
 * <p>
 * The console makes one per command invocation, the dashboard one per login started from a
 * page, and hands it to the flow in the {@link LoginRequest}; the flow uses it from the thread that called {@link LoginFlow#login} and
 * only until that call returns. {@link OpenedBrowser#close()} and {@link Waiting#close()} may be
 * called from any thread.
 *
 * @since 2.0
 */
@ProviderType
public interface LoginInteraction {
    /**
     * Shows where to go to log in and, when {@code browserUrl} is given, opens a browser there.
     * The console prints the address (and the code to enter) on standard error and, with
     * {@code --json}, writes an event line ({@code {"v":1,"event":event,"url":url,"user_code":code}})
     * on standard output that an agent can hand on.
     *
     * @param event      what the address is for, the name of the {@code --json} event:
     *                   {@code authorize} or {@code device_authorization}
     * @param url        the address to visit
     * @param userCode   a code to enter there, or {@code null}
     * @param browserUrl the address to open in a browser, one that leads to {@code url}; {@code null}
     *                   to open none ({@code --no-browser}, or nothing a browser could complete)
     * @return the browser that was started, or empty when none was (none asked for, none available,
     *         none could start)
     * @since 2.0
     */
    Optional<OpenedBrowser> visit(String event, String url, String userCode, String browserUrl);

    /**
     * A browser started by {@link #visit}. It was handed a private page that sends it on to its
     * address (so that the address stays out of the browser's command line).
     *
     * @since 2.0
     */
    interface OpenedBrowser extends AutoCloseable {
        /**
         * Removes what the browser was started with (the private page): call once the browser has
         * arrived at the address. Closing twice does nothing more.
         */
        @Override
        void close();
    }

    /**
     * Asks for one value that is not echoed (a key, a client id or secret): one line of standard
     * input when it is not a terminal, else a masked prompt, with a one-time browser form beside
     * it when {@code browserForm} allows and a browser can really open; the first answer wins.
     *
     * @param prompt      what to ask, e.g. {@code "OpenAI API key: "}
     * @param browserForm whether the browser form may be offered ({@code false} for {@code --no-browser})
     * @return the value, or empty when none was given (an empty line, end of input, no way to ask)
     * @since 2.0
     */
    Optional<Secret> askSecret(String prompt, boolean browserForm);

    /**
     * Asks for one value that is not a secret (an id, a region) as {@link #askSecret} asks for a
     * secret, except that a prompt may show what is typed. The default asks with
     * {@link #askSecret}; the console implements it with a prompt that shows the typing.
     *
     * @param prompt      what to ask, e.g. {@code "AWS Region: "}
     * @param browserForm whether a browser form may be offered ({@code false} for {@code --no-browser})
     * @return the value, or empty when none was given
     * @since 2.3
     */
    default Optional<String> ask(String prompt, boolean browserForm) {
        return askSecret(prompt, browserForm).map(Secret::reveal);
    }

    /**
     * Whether a person reads what {@link #tell} shows before being asked: a terminal, no
     * {@code --json}. A flow shows longer guidance (how to create an OAuth client) only then.
     *
     * @since 2.0
     */
    boolean attended();

    /**
     * Shows a line (or lines) of guidance or progress to the person: standard error on the
     * console, never the result. Shown even with {@code --quiet}, as the console's warnings are.
     *
     * @param text what to show, without a trailing line break
     * @since 2.0
     */
    void tell(String text);

    /**
     * Starts showing that the login waits for the person, until the returned handle is closed: on
     * a terminal a line counting down the time left, with {@code --json} a {@code waiting} event
     * now and then, elsewhere nothing.
     *
     * @param waitingFor  what is waited for, the {@code for} of the {@code --json} event:
     *                    {@code browser} or {@code device}
     * @param description what the person is to do, for the terminal line, e.g.
     *                    {@code "the login in the browser"}
     * @param timeout     how long the login waits from now
     * @return the wait, to close when it is over
     * @since 2.0
     */
    Waiting waiting(String waitingFor, String description, Duration timeout);

    /**
     * A wait shown by {@link #waiting}.
     *
     * @since 2.0
     */
    interface Waiting extends AutoCloseable {
        /** Stops showing the wait and clears what it left on the terminal. */
        @Override
        void close();
    }

    /**
     * {@code --verbose}: whether the flow is to {@link #trace} its round trips.
     *
     * @since 2.0
     */
    boolean verbose();

    /**
     * One line of the {@code --verbose} trace of a round trip, secrets already redacted: standard
     * error on the console.
     *
     * @param line the line, without a line break
     * @since 2.0
     */
    void trace(String line);

    /**
     * The environment variables of the invocation, where a flow finds a value the person set
     * beforehand (the provider's {@code env_var}); never those of the process the flow runs in,
     * which in a long-lived runtime are not the person's. The
     * {@link io.authsome.api.credential.SecretVariables} are read with {@link #secretVariable}.
     *
     * @return an unmodifiable map, name to value
     * @since 2.1
     */
    Map<String, String> environment();

    /**
     * One of the {@link io.authsome.api.credential.SecretVariables} the invocation handed over
     * ({@code AUTHSOME_CLIENT_SECRET}), as {@code CommandContext.secretVariable} answers it.
     *
     * @param name the variable, one of {@link io.authsome.api.credential.SecretVariables#ALL}
     * @return its value, or empty when it was not set, was empty, or is not one of them
     * @since 2.1
     */
    Optional<Secret> secretVariable(String name);

    /**
     * Where to send the browser once a loopback callback has what this login waited for (the
     * authorization code, or the provider's refusal): the dashboard's page of the login, when the
     * login was started from the dashboard. The callback's page then leads the browser there,
     * without script, instead of saying that the tab may be closed.
     *
     * @return an {@code http://127.0.0.1:<port>/...} address, or empty (the console) for a page
     *         that only says how the login went
     * @since 2.2
     */
    default Optional<String> returnAddress() {
        return Optional.empty();
    }

    /**
     * The working directory of the invocation, against which a relative path the person gives
     * (a key file's) is resolved: the directory the command was started in, that of the thin
     * client when the daemon runs it; never that of the process the flow runs in.
     *
     * @return the directory, or empty when the login has none (the dashboard), so that only an
     *         absolute path can be given
     * @since 2.3
     */
    default Optional<Path> workingDirectory() {
        return Optional.empty();
    }
}
