package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A home whose person logs in to a {@link StrictAuthorizationServer} through the real
 * {@code bin/authsome}: a browser ({@code $BROWSER}) that follows the authorization URL's
 * redirects, as a person who approves at once does, and a private login callback port.
 */
final class RecoveryHome {
    final Authsome authsome;
    final StrictAuthorizationServer server;

    private RecoveryHome(Authsome authsome, StrictAuthorizationServer server) {
        this.authsome = authsome;
        this.server = server;
    }

    static RecoveryHome create(Path dir, StrictAuthorizationServer server) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        int port;
        port = FreePorts.loopback();
        Files.writeString(home.resolve("config.json"), "{\"callback\": {\"port\": " + port + "}}\n");
        FakeBrowser browser = FakeBrowser.create(dir, "browser", FakeBrowser.FOLLOW);
        // A secret the machine may have set must not turn a public client into a confidential one.
        Authsome authsome = new Authsome(home).with("BROWSER", browser.command()).with("AUTHSOME_CLIENT_SECRET", "");
        return new RecoveryHome(authsome, server);
    }

    /** Registers {@code name} as a custom provider of the server, asking for {@code scopes} by default. */
    void register(String name, String... scopes) throws IOException {
        Path file = Files.writeString(authsome.home().resolve(name + ".json"), server.provider(name, scopes));
        Authsome.Run run = authsome.run("register", file.toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    /** {@code authsome login <args>}, the client secret from the environment as a script gives it. */
    Authsome.Run loginWithClient(String clientId, String secret, String... args) {
        List<String> command = new ArrayList<>(List.of("login"));
        command.addAll(List.of(args));
        command.addAll(List.of("--client-id", clientId, "--timeout", "30"));
        Authsome.Run run = authsome.with("AUTHSOME_CLIENT_SECRET", secret).runWithInput(null, command.toArray(String[]::new));
        authsome.with("AUTHSOME_CLIENT_SECRET", "");
        return run;
    }

    /** {@code authsome login <args>} with nothing to read on standard input: a stored client is all it may use. */
    Authsome.Run login(String... args) {
        List<String> command = new ArrayList<>(List.of("login"));
        command.addAll(List.of(args));
        command.addAll(List.of("--timeout", "30"));
        return authsome.runWithInput(null, command.toArray(String[]::new));
    }

    /** A request to the server's API from a command under {@code authsome run}: the run, whose stdout ends with the status. */
    Authsome.Run throughProxy(String pathAndQuery) {
        return authsome.run("run", "--", "sh", "-c", "curl -sS --noproxy '' -x \"$HTTP_PROXY\" -w '\\n%{http_code}' '"
                + server.url(pathAndQuery) + "'");
    }

    static String status(Authsome.Run run) {
        String[] lines = run.out().strip().split("\n");
        return lines[lines.length - 1];
    }

    String secret(String provider, String field, String... more) {
        List<String> command = new ArrayList<>(List.of("get", provider, "--field", field, "--show-secret"));
        command.addAll(List.of(more));
        Authsome.Run run = authsome.run(command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return run.out().strip();
    }

    JsonNode get(String provider, String... more) {
        List<String> command = new ArrayList<>(List.of("get", provider, "--json"));
        command.addAll(List.of(more));
        return authsome.run(command.toArray(String[]::new)).json();
    }

    /** The entry of {@code provider} in {@code list --json}. */
    JsonNode listed(String provider) {
        for (JsonNode entry : authsome.run("list", "--json").json().get("providers")) {
            if (entry.get("name").asText().equals(provider)) {
                return entry;
            }
        }
        throw new AssertionError("list has no provider " + provider);
    }

    /** The audit events named {@code event}, oldest first. */
    List<JsonNode> audited(String event) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(authsome.home().resolve("audit.log"))) {
            JsonNode json = RunProxyIT.JSON.readTree(line);
            if (json.path("event").asText().equals(event)) {
                events.add(json);
            }
        }
        return events;
    }
}
