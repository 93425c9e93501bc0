package io.authsome.console.internal.bundles;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.json.MalformedJsonException;
import io.authsome.common.trust.DropinJar;
import io.authsome.common.trust.DropinLocation;
import io.authsome.common.trust.TrustedBundles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Trust of the code bundles in the drop-in folder, as the commands see it: which jars carry code
 * and wait for trust, and trusting or untrusting one (the record in {@code trusted-bundles.json},
 * then starting or stopping its bundle). What may run is decided by the launcher's gate from the
 * same file; this class only records the user's choice and brings the bundle in line with it.
 */
public final class DropinTrust {
    private final BundleContext context;
    private final HomeLayout home;
    private final TrustedBundles trusted;

    public DropinTrust(BundleContext context, HomeLayout home) {
        this.context = context;
        this.home = home;
        this.trusted = new TrustedBundles(home.root());
    }

    /** What a trust or untrust did. */
    public record Change(DropinJar jar, Optional<Bundle> bundle, String outcome) {
    }

    /** The command that trusts {@code jar}. */
    public static String trustCommand(DropinJar jar) {
        return "authsome bundles trust " + jar.name();
    }

    /** The jars of the drop-in folder that carry code and are not trusted as they are, by name. */
    public List<DropinJar> untrusted() throws AuthsomeException {
        List<DropinJar> untrusted = new ArrayList<>();
        for (Path file : jars()) {
            DropinJar jar = read(file);
            if (!permits(jar)) {
                untrusted.add(jar);
            }
        }
        return untrusted;
    }

    /** Whether {@code jar} may run as it is; a trust file that cannot be read trusts nothing. */
    public boolean permits(DropinJar jar) {
        return trusted.permits(jar);
    }

    /** The drop-in jar a bundle was installed from, if it is one. */
    public Optional<Path> jarOf(Bundle bundle) {
        return DropinLocation.of(bundle.getLocation(), home.dropins());
    }

    /**
     * Records {@code argument}'s jar as trusted and starts its bundle (when FileInstall has installed
     * it; otherwise FileInstall starts it when it does).
     *
     * @param argument a path, or the name of a file in the drop-in folder
     */
    public Change trust(String argument, Path workingDirectory) throws AuthsomeException {
        DropinJar jar = read(locate(argument, workingDirectory));
        if (!jar.carriesCode()) {
            return new Change(jar, bundleOf(jar), "no code: needs no trust");
        }
        try {
            trusted.trust(jar, Instant.now());
        } catch (IOException | MalformedJsonException e) {
            throw unreadable(e);
        }
        Optional<Bundle> bundle = bundleOf(jar);
        if (bundle.isPresent()) {
            start(bundle.get(), jar);
        }
        return new Change(jar, bundle, bundle.isPresent() ? "started" : "starts when the runtime installs it");
    }

    /** Removes {@code argument}'s trust record and stops its bundle. */
    public Change untrust(String argument) throws AuthsomeException {
        String name = Path.of(argument).getFileName().toString();
        Optional<TrustedBundles.Record> removed;
        try {
            removed = trusted.untrust(name);
        } catch (IOException | MalformedJsonException e) {
            throw unreadable(e);
        }
        if (removed.isEmpty()) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, name + " is not trusted",
                    "authsome bundles lists the drop-in bundles and their trust");
        }
        DropinJar jar = new DropinJar(name, removed.get().sha256(), true);
        Optional<Bundle> bundle = bundleOf(jar);
        bundle.ifPresent(this::stop);
        return new Change(jar, bundle, "stopped");
    }

    private List<Path> jars() throws AuthsomeException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(home.dropins())) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(home.dropins(), "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.UNEXPECTED, "cannot list " + home.dropins() + ": " + e.getMessage(),
                    "check the permissions of the drop-in folder");
        }
        jars.sort(null);
        return jars;
    }

    /**
     * The drop-in file {@code argument} names: a file name in the drop-in folder, or a path. A
     * path elsewhere names the drop-in of the same name, which must hold the same bytes: what
     * runs is the copy in the drop-in folder.
     */
    private Path locate(String argument, Path workingDirectory) throws AuthsomeException {
        Path given = workingDirectory.resolve(argument).normalize();
        Path dropin = home.dropins().resolve(given.getFileName().toString());
        boolean bare = !argument.contains("/");
        if (!Files.isRegularFile(dropin)) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, dropin + " does not exist",
                    bare || !Files.isRegularFile(given) ? "authsome bundles lists the drop-in bundles"
                            : "cp " + given + " " + home.dropins() + "/, then authsome bundles trust " + dropin.getFileName());
        }
        if (!bare && !given.equals(dropin) && !sameBytes(given, dropin)) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, given + " is not the jar in the drop-in folder ("
                    + dropin + " differs)", "cp " + given + " " + home.dropins() + "/, then trust it again");
        }
        return dropin;
    }

    private static boolean sameBytes(Path a, Path b) throws AuthsomeException {
        try {
            return Files.isRegularFile(a) && Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "cannot read " + a + ": " + e.getMessage(), null);
        }
    }

    private static DropinJar read(Path file) throws AuthsomeException {
        try {
            return DropinJar.read(file);
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, file + " is not a readable jar: " + e.getMessage(),
                    "replace it with the bundle jar as built");
        }
    }

    private Optional<Bundle> bundleOf(DropinJar jar) {
        Path file = home.dropins().resolve(jar.name()).toAbsolutePath().normalize();
        for (Bundle bundle : context.getBundles()) {
            if (jarOf(bundle).filter(file::equals).isPresent()) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    /** Starts it, and with the framework from now on. */
    private static void start(Bundle bundle, DropinJar jar) throws AuthsomeException {
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, jar.name() + " is trusted but does not start: "
                    + e.getMessage(), "authsome bundles shows its state; authsome doctor");
        }
    }

    /**
     * Stops the bundle and unresolves it, so that the classes it loaded go with its class loader;
     * the gate keeps it from resolving again.
     */
    private void stop(Bundle bundle) {
        try {
            bundle.stop();
        } catch (BundleException | IllegalStateException e) {
            // already stopped or uninstalled: nothing runs
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AuthsomeException unreadable(Exception e) {
        return new AuthsomeException(ErrorCode.INVALID_INPUT, trusted.file() + " cannot be read: " + e.getMessage(),
                "fix the file, or delete it and trust the drop-in bundles again");
    }
}
