package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running runtime picks up provider bundles and provider JSON copied into the drop-in folder,
 * and drops them when the files are deleted, without a restart.
 */
class DropinsIT {
    /** FileInstall and the JSON watcher both poll every second; give them a few rounds. */
    private static final long SETTLE_MILLIS = 3500;

    @TempDir
    Path temp;

    @Test
    void dropinsAppearAndDisappearWhileTheRuntimeRuns() throws Exception {
        Authsome authsome = new Authsome(temp.resolve("home"));
        Process process = authsome.start("--keep-going");
        CompletableFuture<String> out = Authsome.drain(process.getInputStream());
        CompletableFuture<String> err = Authsome.drain(process.getErrorStream());
        Path dropins = authsome.home().resolve("dropins");
        try (Writer stdin = process.outputWriter(StandardCharsets.UTF_8)) {
            send(stdin, "inspect acme");
            send(stdin, "inspect widget");
            Thread.sleep(SETTLE_MILLIS);
            Files.writeString(dropins.resolve("acme.json"), """
                    {"name": "acme", "auth_type": "api_key", "api_url": "api.acme.dev"}""");
            ProviderJar.write(dropins.resolve("widget.jar"), "com.example.widget", """
                    {"name": "widget", "auth_type": "api_key", "api_url": "api.widget.dev"}""");
            Thread.sleep(SETTLE_MILLIS);
            send(stdin, "inspect acme");
            send(stdin, "inspect widget");
            Thread.sleep(SETTLE_MILLIS);
            Files.delete(dropins.resolve("acme.json"));
            Files.delete(dropins.resolve("widget.jar"));
            Thread.sleep(SETTLE_MILLIS);
            send(stdin, "inspect acme");
            send(stdin, "inspect widget");
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String stdout = out.join();
        String stderr = err.join();
        assertEquals(4, process.exitValue(), stdout + stderr);
        assertTrue(stdout.contains("acme (drop-in, " + dropins.resolve("acme.json")), stdout);
        assertTrue(stdout.contains("widget (drop-in, com.example.widget)"), stdout);
        assertEquals(2, count(stderr, "unknown provider 'acme'"), stderr);
        assertEquals(2, count(stderr, "unknown provider 'widget'"), stderr);
    }

    private static void send(Writer stdin, String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
