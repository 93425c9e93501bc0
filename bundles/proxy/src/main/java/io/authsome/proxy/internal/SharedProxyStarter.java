package io.authsome.proxy.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Enables the {@link SharedProxy} in the daemon only (framework property {@value #DAEMON} =
 * {@code true}, set by the launcher of {@code authsome daemon}). It references nothing, so in a
 * one-shot command it costs one small class and activates no other service.
 */
@Component(service = {})
public final class SharedProxyStarter {
    /** The framework property that marks the daemon's framework. */
    static final String DAEMON = "authsome.daemon";

    @Activate
    void activate(ComponentContext component, BundleContext bundle) {
        if (inDaemon(bundle)) {
            component.enableComponent(SharedProxy.NAME);
        }
    }

    static boolean inDaemon(BundleContext context) {
        return "true".equals(context.getProperty(DAEMON));
    }
}
