package io.authsome.proxy.internal;

import io.authsome.common.home.DaemonRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Enables the {@link SharedProxy} in the daemon only (framework property {@value DaemonRuntime#PROPERTY} =
 * {@code true}, set by the launcher of {@code authsome daemon}). It references nothing, so in a
 * one-shot command it costs one small class and activates no other service.
 */
@Component(service = {})
public final class SharedProxyStarter {
    @Activate
    void activate(ComponentContext component, BundleContext bundle) {
        if (inDaemon(bundle)) {
            component.enableComponent(SharedProxy.NAME);
        }
    }

    static boolean inDaemon(BundleContext context) {
        return DaemonRuntime.isDaemon(context);
    }
}
