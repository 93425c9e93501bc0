package io.authsome.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/** Builds provider bundles in memory, shaped like the ones of providers-bundled/ (see bnd/provider.bnd). */
public final class ProviderBundleJar {
    /** The header naming the provider JSON entries of a bundle. */
    public static final String PROVIDER_HEADER = "Authsome-Provider";
    /** The requirement that wires a provider bundle to the extender. */
    public static final String EXTENDER_REQUIREMENT =
            "osgi.extender;filter:=\"(&(osgi.extender=io.authsome.providers)(version>=1.0)(!(version>=2.0)))\"";
    private static final String ENTRY = "provider.json";

    private ProviderBundleJar() {
    }

    /**
     * A bundle holding {@code providerJson} as {@value #ENTRY}.
     *
     * @param requireExtender whether the manifest has the extender requirement (a real provider
     *                        bundle always has it)
     */
    public static byte[] build(String symbolicName, String providerJson, boolean requireExtender) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue(PROVIDER_HEADER, ENTRY);
        if (requireExtender) {
            main.putValue("Require-Capability", EXTENDER_REQUIREMENT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry(ENTRY));
            jar.write(providerJson.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Installs (does not start) the bundle {@link #build} makes, at location {@code itest:<symbolicName>}. */
    public static Bundle install(BundleContext context, String symbolicName, String providerJson,
                                 boolean requireExtender) throws BundleException {
        try (InputStream in = new ByteArrayInputStream(build(symbolicName, providerJson, requireExtender))) {
            return context.installBundle("itest:" + symbolicName, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uninstalls {@code bundle} unless it is already gone; for cleanup in {@code finally}. */
    public static void uninstallQuietly(Bundle bundle) {
        if (bundle != null && bundle.getState() != Bundle.UNINSTALLED) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException ignored) {
                // already gone
            }
        }
    }
}
