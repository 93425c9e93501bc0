package io.authsome.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts the OSGi framework on the distribution's bundles, hands the command line to the console
 * bundle's entry point, and exits with the code it returns.
 */
public final class Main {
    /** Exit code when the runtime itself cannot be brought up. */
    static final int RUNTIME_UNAVAILABLE = 9;
    private static final long ENTRY_TIMEOUT_MILLIS = 30_000;
    private static final String ENTRY_FILTER =
            "(&(" + Constants.OBJECTCLASS + "=java.util.function.ToIntFunction)(authsome.entry=console))";

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (LaunchArguments.UsageException e) {
            e.print(args);
            code = LaunchArguments.UsageException.EXIT_CODE;
        } catch (IOException | BundleException | RuntimeException e) {
            System.err.println("error: the authsome runtime could not start: " + e.getMessage());
            System.err.println("next:  check the installation (reinstall authsome); AUTHSOME_HOME must be writable");
            code = RUNTIME_UNAVAILABLE;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    static int run(String[] args) throws IOException, BundleException, LaunchArguments.UsageException {
        Map<String, String> secrets = LaunchSecrets.take();
        Map<String, String> env = System.getenv();
        Path home = LaunchArguments.home(args, env);
        Path dropins = home.resolve("dropins");
        createPrivate(home);
        createPrivate(dropins);
        Distribution distribution = Distribution.ofLauncher();
        List<Path> bundles = distribution.bundles();
        try (BundleCache cache = BundleCache.acquire(LaunchArguments.cacheRoot(env), distribution.root())) {
            Map<String, String> config = configuration(cache.directory(), home, dropins);
            config.put("authsome.dist", distribution.root().toString());
            if (LaunchArguments.servesDaemon(args)) {
                config.put("authsome.daemon", "true");
                String fd = LaunchArguments.optionValue(args, "--passphrase-fd");
                if (fd != null) {
                    config.putAll(LaunchSecrets.passphraseFrom(fd));
                }
            }
            config.putAll(secrets);
            if (cache.replaceStamp(distribution.fingerprint(bundles))) {
                config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            }
            Framework framework = newFramework(config);
            try {
                framework.init();
                DropinGate gate = new DropinGate(home, dropins);
                framework.getBundleContext().registerService(ResolverHookFactory.class, gate, null);
                framework.getBundleContext().registerService(WeavingHook.class, gate, null);
                gate.holdUntrusted(framework.getBundleContext());
                boolean changed = new BundleReconciler(framework.getBundleContext(), dropins).reconcile(bundles);
                framework.start();
                if (changed) {
                    refresh(framework);
                }
                return runEntry(framework, args);
            } finally {
                stop(framework);
            }
        }
    }

    private static Map<String, String> configuration(Path cache, Path home, Path dropins) {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        config.put("felix.log.level", "1");
        // Declarative Services keeps the components it read from each bundle's XML in its data area
        // and reads them back at the next start of this cache slot (a bundle installed or updated
        // since is read again): about 120 ms less per start than parsing every descriptor.
        config.put("ds.cache.metadata", "true");
        // The console forwards SIGINT, SIGTERM and SIGHUP to the child of 'authsome run' (sun.misc),
        // the daemon reads the peer credentials of its socket (jdk.net) and serves the dashboard
        // with the JDK's HTTP server (com.sun.net.httpserver).
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.misc,jdk.net,com.sun.net.httpserver");
        config.put("authsome.home", home.toString());
        config.put("authsome.version", String.valueOf(Main.class.getPackage().getImplementationVersion()));
        config.put("felix.fileinstall.dir", dropins.toString());
        config.put("felix.fileinstall.filter", ".*\\.jar");
        config.put("felix.fileinstall.poll", "1000");
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.log.level", "1");
        config.put("felix.fileinstall.bundles.new.start", "true");
        config.put("felix.fileinstall.enableConfigSave", "false");
        return config;
    }

    private static Framework newFramework(Map<String, String> config) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        return factory.newFramework(config);
    }

    private static int runEntry(Framework framework, String[] args) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(framework.getBundleContext(),
                    framework.getBundleContext().createFilter(ENTRY_FILTER), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
        try {
            @SuppressWarnings("unchecked")
            ToIntFunction<String[]> entry = (ToIntFunction<String[]>) tracker.waitForService(ENTRY_TIMEOUT_MILLIS);
            if (entry == null) {
                System.err.println("error: the authsome console did not start within "
                        + ENTRY_TIMEOUT_MILLIS / 1000 + " s");
                System.err.println("next:  authsome doctor, or reinstall authsome");
                return RUNTIME_UNAVAILABLE;
            }
            return entry.applyAsInt(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RUNTIME_UNAVAILABLE;
        } finally {
            tracker.close();
        }
    }

    private static void refresh(Framework framework) {
        FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        wiring.refreshBundles(null, event -> done.countDown());
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(10_000);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("warning: the runtime took more than 10 s to stop");
            }
        } catch (BundleException | InterruptedException e) {
            System.err.println("warning: the runtime did not stop cleanly: " + e.getMessage());
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }
}
