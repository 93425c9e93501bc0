package io.authsome.store.internal.credential;

import io.authsome.api.AuthsomeException;
import io.authsome.api.vault.Connection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Another process of the home, as a one-shot {@code get} would be: builds the store's resolver
 * over {@code <home>} with the {@link RotatingServer} in {@code <server dir>}, prints
 * {@code ready}, waits for a line on stdin, resolves {@code github/default} (renewing it if it is
 * due) and prints {@code resolved <state>}, or {@code error <CODE>} with exit code 3.
 */
public final class RefreshChild {
    private RefreshChild() {
    }

    public static void main(String[] args) throws Exception {
        ResolverFixture fixture = new ResolverFixture(Path.of(args[0]),
                new RotatingServer(Path.of(args[1]), Long.parseLong(args[2])));
        try {
            fixture.store().read("github", "default"); // opens the vault before the race, not in it
            System.out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Connection resolved = fixture.resolver.resolve("default", "github", "default");
            System.out.println("resolved " + resolved.state().id());
        } catch (AuthsomeException e) {
            System.out.println("error " + e.code());
            System.exit(3);
        }
        System.exit(0);
    }
}
