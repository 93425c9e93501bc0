package io.authsome.providers.internal;

import io.authsome.api.provider.InvalidProviderException;
import io.authsome.api.provider.Provider;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.api.provider.ProviderSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;

/**
 * Publishes the provider JSON files of the home directory: {@code providers/} (custom, written by
 * {@code register}) and the {@code *.json} files of {@code dropins/}. Polls both folders, so a
 * file added, changed or deleted by any process is seen within {@link #POLL_MILLIS}; a scan can
 * also be forced, which {@code register} does to be live at once, and a reader of the catalog
 * asks for one when the last is older than {@link #FRESH_MILLIS}, so that in a long-lived runtime
 * a command sees a file written just before it, as a command in a fresh runtime would. Thread-safe.
 */
final class ProviderFileWatcher implements AutoCloseable {
    static final long POLL_MILLIS = 1000;
    static final long FRESH_MILLIS = 25;
    private static final Logger LOG = Logger.getLogger(ProviderFileWatcher.class.getName());

    /** Atomic replacement changes the file key, so a rewrite is seen even with the same size and time. */
    private record Stamp(long size, long modified, Object fileKey) {
    }

    private final Map<Path, ProviderSource> folders;
    private final ProviderRegistry registry;
    private final ProviderParser parser;
    private final BundleContext context;
    private final Map<Path, Stamp> seen = new HashMap<>();
    private ScheduledExecutorService poller;
    private long scannedAt;

    ProviderFileWatcher(Map<Path, ProviderSource> folders, ProviderRegistry registry, ProviderParser parser,
                        BundleContext context) {
        this.folders = Map.copyOf(folders);
        this.registry = registry;
        this.parser = parser;
        this.context = context;
    }

    /** Scans once now, then keeps polling on a daemon thread. */
    synchronized void start() {
        scan();
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "authsome-provider-files");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::scanQuietly, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Scans unless the last scan is more recent than {@link #FRESH_MILLIS}. */
    synchronized void scanIfStale() {
        if (System.nanoTime() - scannedAt > TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
            scanQuietly();
        }
    }

    /** Brings the registry in line with the folders as they are now. */
    synchronized void scan() {
        scannedAt = System.nanoTime();
        Set<Path> present = new HashSet<>();
        folders.forEach((folder, source) -> {
            for (Path file : jsonFiles(folder)) {
                present.add(file);
                Stamp stamp = stampOf(file);
                if (stamp != null && !stamp.equals(seen.get(file))) {
                    seen.put(file, stamp);
                    publish(file, source);
                }
            }
        });
        for (Path gone : new HashSet<>(seen.keySet())) {
            if (!present.contains(gone)) {
                seen.remove(gone);
                registry.withdraw(gone.toString());
            }
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scanning provider folders failed", e);
        }
    }

    private void publish(Path file, ProviderSource source) {
        String origin = file.toString();
        try {
            byte[] json = Files.readAllBytes(file);
            registry.publish(origin, List.of(new Provider(parser.parse(json, origin), source, origin)), List.of(), context);
        } catch (InvalidProviderException e) {
            registry.publish(origin, List.of(), e.problems(), context);
        } catch (NoSuchFileException e) {
            seen.remove(file);
            registry.withdraw(origin);
        } catch (IOException e) {
            registry.publish(origin, List.of(),
                    List.of(new ProviderProblem(origin, null, "cannot be read: " + e.getMessage())), context);
        }
    }

    private static List<Path> jsonFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
            List<Path> files = new ArrayList<>();
            stream.forEach(files::add);
            return files;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + folder, e);
            return List.of();
        }
    }

    private static Stamp stampOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
