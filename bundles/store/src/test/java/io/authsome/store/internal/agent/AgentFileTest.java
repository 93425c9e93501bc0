package io.authsome.store.internal.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Grant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agents.json}: hashes only, mode 0600, atomic and locked changes, a damaged file named. */
class AgentFileTest {
    @TempDir
    Path home;

    private static StoredAgent agent(String name, String credential) {
        byte[] salt = AgentCredentials.salt();
        return new StoredAgent(new Agent(name, "default", List.of(Grant.parse("github"), Grant.parse("openai=work")),
                Instant.parse("2026-01-02T03:04:05Z")), salt, AgentCredentials.hash(salt, credential), null);
    }

    private void add(AgentFile file, StoredAgent agent) throws AuthsomeException {
        file.change(agents -> agents.put(agent.name(), agent));
    }

    @Test
    void credentialsAreRandomUrlSafeAndLongEnough() {
        String credential = AgentCredentials.generate();
        assertTrue(credential.matches("[A-Za-z0-9_-]{43}"), credential);
        assertEquals(32, Base64.getUrlDecoder().decode(credential).length);
        assertNotEquals(credential, AgentCredentials.generate());
    }

    @Test
    void theHashIsSaltedAndOnlyTheRightCredentialMatches() {
        byte[] salt = AgentCredentials.salt();
        byte[] otherSalt = AgentCredentials.salt();
        String credential = AgentCredentials.generate();
        byte[] hash = AgentCredentials.hash(salt, credential);
        assertEquals(32, hash.length);
        assertFalse(java.util.Arrays.equals(hash, AgentCredentials.hash(otherSalt, credential)), "the salt counts");
        assertTrue(AgentCredentials.matches(salt, hash, credential));
        assertFalse(AgentCredentials.matches(salt, hash, credential.substring(1)));
        assertFalse(AgentCredentials.matches(salt, hash, credential + "x"));
        assertFalse(AgentCredentials.matches(salt, hash, ""));
        assertFalse(AgentCredentials.matches(otherSalt, hash, credential));
    }

    @Test
    void theFileKeepsHashesNeverTheCredentialAndIsPrivate() throws Exception {
        AgentFile file = new AgentFile(home);
        String credential = AgentCredentials.generate();
        StoredAgent stored = agent("ci", credential);
        add(file, stored);
        Path path = home.resolve(AgentFile.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        String content = Files.readString(path, StandardCharsets.UTF_8);
        assertFalse(content.contains(credential), content);
        assertEquals(List.of("github", "openai=work"),
                ((java.util.Map<?, ?>) ((List<?>) io.authsome.common.json.Json.parseObject(content.getBytes(StandardCharsets.UTF_8))
                        .get("agents")).get(0)).get("allow"), content);

        StoredAgent read = new AgentFile(home).read().get(0);
        assertEquals(stored.agent(), read.agent());
        assertArrayEquals(stored.salt(), read.salt());
        assertArrayEquals(stored.hash(), read.hash());
        assertFalse(read.toString().contains(Base64.getUrlEncoder().withoutPadding().encodeToString(read.hash())));
    }

    @Test
    void aFileIsParsedAgainOnlyWhenItsBytesChange() throws Exception {
        AgentFile file = new AgentFile(home);
        add(file, agent("ci", "c1"));
        List<StoredAgent> first = file.read();
        assertSame(first, file.read(), "unchanged bytes are not parsed again");
        new AgentFile(home).change(agents -> agents.remove("ci"));
        assertEquals(List.of(), file.read(), "a change by another writer is seen at the next read");
    }

    @Test
    void writesAreAtomicAndLockedSoConcurrentAddsAreAllKept() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "agent-" + i;
                // Each writer has its own AgentFile, as separate processes would.
                done.add(threads.submit(() -> {
                    add(new AgentFile(home), agent(name, name));
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(20, new AgentFile(home).read().size());
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(AgentFile.FILE, AgentFile.LOCK), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedFileIsANamedErrorAndIsNotOverwritten() throws Exception {
        Path path = home.resolve(AgentFile.FILE);
        for (String bad : List.of("{not json", "{\"v\": 2, \"agents\": []}", "{\"v\": 1}",
                "{\"v\": 1, \"agents\": [{\"name\": \"ci\"}]}",
                "{\"v\": 1, \"agents\": [{\"name\": \"ci\", \"profile\": \"default\", \"allow\": [\"Bad Name\"],"
                        + " \"created\": \"2026-01-02T03:04:05Z\", \"salt\": \"AAAA\", \"sha256\": \"AAAA\"}]}")) {
            Files.writeString(path, bad);
            AuthsomeException e = assertThrows(AuthsomeException.class, () -> new AgentFile(home).read(), bad);
            assertEquals(ErrorCode.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().startsWith(path + " is not a valid agents file: "), e.getMessage());
            assertTrue(e.nextStep().contains("delete it and add the agents again"), e.nextStep());
            assertThrows(AuthsomeException.class, () -> add(new AgentFile(home), agent("x", "y")));
            assertEquals(bad, Files.readString(path), "a change never overwrites a file it cannot read");
        }
    }
}
