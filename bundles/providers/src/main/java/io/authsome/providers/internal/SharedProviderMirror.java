package io.authsome.providers.internal;

import io.authsome.common.files.PrivateFiles;
import io.authsome.common.json.Json;
import io.authsome.common.json.MalformedJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The home's copy of the custom providers of a shared store: each definition the store keeps is
 * written to {@code providers/<name>.json} (where {@code register} writes), and a definition the
 * store dropped is deleted here too, but only if it came from the store: {@code record} (a JSON
 * list of names) remembers which did, so a definition registered in this home before it joined
 * the store is never deleted by a sync.
 */
final class SharedProviderMirror {
    private final Path providers;
    private final Path record;

    SharedProviderMirror(Path providers, Path record) {
        this.providers = providers;
        this.record = record;
    }

    /**
     * Brings {@code providers/} in line with the store's {@code definitions}.
     *
     * @return whether a file was written or deleted
     */
    synchronized boolean apply(Map<String, byte[]> definitions) throws IOException {
        boolean changed = false;
        for (Map.Entry<String, byte[]> definition : definitions.entrySet()) {
            Path file = file(definition.getKey());
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), definition.getValue())) {
                PrivateFiles.writeAtomically(file, definition.getValue());
                changed = true;
            }
        }
        TreeSet<String> mirrored = mirrored();
        for (String name : List.copyOf(mirrored)) {
            if (!definitions.containsKey(name)) {
                changed |= Files.deleteIfExists(file(name));
                mirrored.remove(name);
            }
        }
        mirrored.addAll(definitions.keySet());
        save(mirrored);
        return changed;
    }

    /** Notes that {@code name} is the store's now (registered in this home and put in the store). */
    synchronized void shared(String name) throws IOException {
        TreeSet<String> mirrored = mirrored();
        if (mirrored.add(name)) {
            save(mirrored);
        }
    }

    /** Notes that {@code name} left the store (unregistered in this home). */
    synchronized void unshared(String name) throws IOException {
        TreeSet<String> mirrored = mirrored();
        if (mirrored.remove(name)) {
            save(mirrored);
        }
    }

    private Path file(String name) {
        return providers.resolve(name + ".json");
    }

    private TreeSet<String> mirrored() throws IOException {
        try {
            TreeSet<String> names = new TreeSet<>();
            if (Json.parse(Files.readAllBytes(record)) instanceof List<?> list) {
                list.forEach(name -> names.add(String.valueOf(name)));
            }
            return names;
        } catch (NoSuchFileException e) {
            return new TreeSet<>();
        } catch (MalformedJsonException e) {
            return new TreeSet<>(); // a damaged record deletes nothing: the next sync writes it again
        }
    }

    private void save(TreeSet<String> names) throws IOException {
        PrivateFiles.writeAtomically(record, Json.writeLine(List.copyOf(names)).getBytes(StandardCharsets.UTF_8));
    }
}
