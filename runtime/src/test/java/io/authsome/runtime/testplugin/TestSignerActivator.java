package io.authsome.runtime.testplugin;

import io.authsome.api.plugin.CredentialInjector;
import io.authsome.api.plugin.CredentialPlugin;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers {@link TestSigner} under its plugin id when its drop-in bundle starts. */
public final class TestSignerActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(CredentialPlugin.ID, TestSigner.ID);
        context.registerService(CredentialInjector.class, new TestSigner(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
