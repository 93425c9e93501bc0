package io.authsome.launcher;

import io.authsome.common.trust.DropinJar;
import io.authsome.common.trust.DropinLocation;
import io.authsome.common.trust.TrustedBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Keeps the code of untrusted drop-ins from running. A bundle installed from the drop-in folder
 * whose jar carries code is blocked until {@code trusted-bundles.json} records its name and
 * SHA-256: none of its requirements is satisfied (so it does not resolve and cannot start), none
 * of its capabilities is offered to other bundles, and no class of it is defined (for a bundle
 * without requirements, which would resolve). Registered by the launcher on the system bundle
 * before the framework starts, so it is in force before any bundle resolves, whoever starts the
 * bundle (FileInstall, a command). Data-only drop-ins and the distribution's bundles pass.
 *
 * <p>The resolver hook filters matches rather than resolvable bundles: Felix 7 takes a bundle
 * left out of {@code filterResolvable} as a reason to also leave out the capabilities of
 * resolved bundles (the system bundle's included), which fails every other resolution.
 */
final class DropinGate implements ResolverHookFactory, WeavingHook {
    private final Path dropins;
    private final String dropinsText;
    private final TrustedBundles trust;
    /** The last verdict per drop-in jar, valid while the jar, the bundle and the trust file are unchanged. */
    private final Map<Path, Verdict> verdicts = new ConcurrentHashMap<>();

    private record Verdict(String stamp, boolean permitted) {
    }

    DropinGate(Path home, Path dropins) {
        this.dropins = dropins.toAbsolutePath().normalize();
        this.dropinsText = this.dropins.toString();
        this.trust = new TrustedBundles(home);
    }

    /**
     * Clears the autostart setting of the drop-ins that may not run, before the framework starts
     * the bundles of its cache: FileInstall's start of an untrusted jar failed quietly but left the
     * setting, and the framework's own start would fail and print the error on standard output.
     * Trusted and data-only drop-ins keep theirs, so they start with the framework, before any
     * command runs.
     */
    void holdUntrusted(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if (!permits(bundle)) {
                try {
                    bundle.stop();
                } catch (BundleException e) {
                    // not started: nothing to hold
                }
            }
        }
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton,
                                                  Collection<BundleCapability> collisionCandidates) {
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                if (!permits(requirement.getRevision().getBundle())) {
                    candidates.clear();
                } else {
                    candidates.removeIf(capability -> !permits(capability.getRevision().getBundle()));
                }
            }

            @Override
            public void end() {
            }
        };
    }

    @Override
    public void weave(WovenClass wovenClass) {
        Bundle bundle = wovenClass.getBundleWiring().getBundle();
        if (!permits(bundle)) {
            String jar = DropinLocation.file(bundle.getLocation()).map(file -> file.getFileName().toString())
                    .orElse(bundle.getLocation());
            throw new WeavingException(jar + " carries code and is not trusted: authsome bundles trust " + jar);
        }
    }

    /**
     * Whether {@code bundle} may run. A jar newer than the installed bundle is about to be updated
     * by FileInstall: the installed bytes are not the ones on disk, so it waits for that.
     */
    boolean permits(Bundle bundle) {
        String location = bundle.getLocation();
        if (!location.contains(dropinsText)) {
            return true;
        }
        Optional<Path> jar = DropinLocation.of(location, dropins);
        if (jar.isEmpty()) {
            return true;
        }
        try {
            String stamp = stamp(jar.get()) + "|" + bundle.getLastModified() + "|" + stamp(trust.file());
            Verdict verdict = verdicts.get(jar.get());
            if (verdict == null || !verdict.stamp().equals(stamp)) {
                verdict = new Verdict(stamp, decide(jar.get(), bundle));
                verdicts.put(jar.get(), verdict);
            }
            return verdict.permitted();
        } catch (IOException e) {
            return false;
        }
    }

    private boolean decide(Path jar, Bundle bundle) throws IOException {
        DropinJar read = DropinJar.read(jar);
        if (!read.carriesCode()) {
            return true;
        }
        boolean current = Files.getLastModifiedTime(jar).toMillis() <= bundle.getLastModified();
        return current && trust.permits(read);
    }

    private static String stamp(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + "@" + attributes.lastModifiedTime().toMillis() + "#" + attributes.fileKey();
        } catch (NoSuchFileException e) {
            return "none";
        }
    }
}
