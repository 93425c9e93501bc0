package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A person logging in: runs {@code authsome login}, opens the URL it prints, and follows the redirect back. */
final class BrowserUser {
    private BrowserUser() {
    }

    /**
     * @param authorizePrefix the authorization endpoint the printed URL starts with
     * @param args            the login arguments after {@code login}
     */
    static Authsome.Run login(Authsome authsome, String authorizePrefix, String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = "login";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--client-id";
        command[args.length + 2] = "cli";
        command[args.length + 3] = "--no-browser";
        command[args.length + 4] = "--timeout=30";
        Process login = authsome.with("AUTHSOME_CLIENT_SECRET", "client-secret").start(command);
        authsome.without("AUTHSOME_CLIENT_SECRET");
        login.getOutputStream().close();
        CompletableFuture<String> out = Authsome.drain(login.getInputStream());
        BufferedReader err = new BufferedReader(new InputStreamReader(login.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder shown = new StringBuilder();
        String url = null;
        while (url == null) {
            String line = err.readLine();
            if (line == null) {
                break;
            }
            shown.append(line).append('\n');
            if (line.strip().startsWith(authorizePrefix)) {
                url = line.strip();
            }
        }
        assertTrue(url != null, "login printed no authorization URL:\n" + shown);
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(callback)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("Login complete"), page.body());
        CompletableFuture<String> rest = CompletableFuture.supplyAsync(
                () -> err.lines().collect(java.util.stream.Collectors.joining("\n")));
        assertTrue(login.waitFor(30, TimeUnit.SECONDS));
        return new Authsome.Run(login.exitValue(), out.join(), shown + rest.join());
    }
}
