package io.authsome.store.internal.agent;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.agent.Agent;
import io.authsome.api.agent.Grant;
import io.authsome.common.files.PrivateFiles;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.store.internal.VaultLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code agents.json} in the home: the agents and the salted hashes of their credentials, never a
 * credential. Written atomically with mode 0600 (a reader sees the old file or the new one), and
 * every change is a read-modify-write under {@code agents.lock}, so two processes adding agents at
 * once both keep theirs. Every read reads the file (a few hundred bytes per agent) and parses it
 * again only when its bytes changed, so a revocation by any process counts from the next read,
 * with no reliance on modification times. Thread-safe.
 * <pre>
 * {"v": 1, "agents": [{"name": "ci", "profile": "default", "allow": ["github", "openai=work"],
 *   "created": "2026-01-02T03:04:05Z", "last_used": "...", "salt": "...", "sha256": "..."}]}
 * </pre>
 */
final class AgentFile {
    static final String FILE = "agents.json";
    static final String LOCK = "agents.lock";
    private static final int VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a change does with the agents (a mutable map by name, in file order). */
    interface Change<T> {
        T apply(Map<String, StoredAgent> agents) throws AuthsomeException;
    }

    private record Parsed(byte[] bytes, List<StoredAgent> agents) {
    }

    private final Path path;
    private final VaultLock lock;
    private volatile Parsed parsed;

    /** The agents file of the home {@code root}. */
    AgentFile(Path root) {
        this.path = root.resolve(FILE);
        this.lock = new VaultLock(root.resolve(LOCK));
    }

    Path path() {
        return path;
    }

    /** The agents as the file holds them now, in file order; none when there is no file. */
    List<StoredAgent> read() throws AuthsomeException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot read " + path + ": " + e.getMessage(),
                    "authsome doctor");
        }
        Parsed last = parsed;
        if (last != null && Arrays.equals(last.bytes(), bytes)) {
            return last.agents();
        }
        List<StoredAgent> agents = parse(bytes);
        parsed = new Parsed(bytes, agents);
        return agents;
    }

    /** Reads the agents, applies {@code change} and writes the result, all under the lock. */
    <T> T change(Change<T> change) throws AuthsomeException {
        return lock.withLock(() -> {
            Map<String, StoredAgent> agents = new LinkedHashMap<>();
            read().forEach(agent -> agents.put(agent.name(), agent));
            T result = change.apply(agents);
            write(List.copyOf(agents.values()));
            return result;
        });
    }

    private void write(List<StoredAgent> agents) throws AuthsomeException {
        List<Object> entries = new ArrayList<>();
        for (StoredAgent stored : agents) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", stored.name());
            entry.put("profile", stored.agent().profile());
            entry.put("allow", stored.agent().grants().stream().map(Grant::toString).toList());
            entry.put("created", stored.agent().created().toString());
            if (stored.lastUsed() != null) {
                entry.put("last_used", stored.lastUsed().toString());
            }
            entry.put("salt", ENCODER.encodeToString(stored.salt()));
            entry.put("sha256", ENCODER.encodeToString(stored.hash()));
            entries.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("v", VERSION);
        document.put("agents", entries);
        try {
            PrivateFiles.writeAtomically(path, Json.write(document).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot write " + path + ": " + e.getMessage(),
                    "authsome doctor");
        }
    }

    private List<StoredAgent> parse(byte[] bytes) throws AuthsomeException {
        Map<String, Object> document;
        try {
            document = Json.parseObject(bytes);
        } catch (MalformedJsonException e) {
            throw damaged("not valid JSON: " + e.getMessage());
        }
        if (!(document.get("v") instanceof Long version) || version != VERSION) {
            throw damaged("\"v\" is not " + VERSION);
        }
        if (!(document.get("agents") instanceof List<?> entries)) {
            throw damaged("\"agents\" is not a list");
        }
        List<StoredAgent> agents = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields)) {
                throw damaged("an entry of \"agents\" is not an object");
            }
            agents.add(agent(fields, agents.size()));
        }
        return List.copyOf(agents);
    }

    private StoredAgent agent(Map<?, ?> fields, int index) throws AuthsomeException {
        String where = "agent " + (fields.get("name") instanceof String name ? "'" + name + "'" : "#" + (index + 1));
        try {
            List<Grant> grants = new ArrayList<>();
            if (!(fields.get("allow") instanceof List<?> allow)) {
                throw damaged(where + " has no \"allow\" list");
            }
            for (Object grant : allow) {
                grants.add(Grant.parse(String.valueOf(grant)));
            }
            Agent agent = new Agent(text(fields, "name", where), text(fields, "profile", where), grants,
                    Instant.parse(text(fields, "created", where)));
            Instant lastUsed = fields.get("last_used") instanceof String used ? Instant.parse(used) : null;
            byte[] salt = DECODER.decode(text(fields, "salt", where));
            byte[] hash = DECODER.decode(text(fields, "sha256", where));
            if (salt.length == 0 || hash.length != 32) {
                throw damaged(where + " has no usable salt or hash");
            }
            return new StoredAgent(agent, salt, hash, lastUsed);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw damaged(where + ": " + e.getMessage());
        }
    }

    private String text(Map<?, ?> fields, String name, String where) throws AuthsomeException {
        if (fields.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw damaged(where + " has no \"" + name + "\"");
    }

    private AuthsomeException damaged(String problem) {
        return new AuthsomeException(ErrorCode.INVALID_INPUT, path + " is not a valid agents file: " + problem,
                "fix " + path + ", or delete it and add the agents again (authsome agent add <name>)");
    }
}
