package io.authsome.ui.internal;

import io.authsome.common.home.DaemonRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Enables the {@link DashboardServer} in the daemon only (framework property
 * {@value DaemonRuntime#PROPERTY}{@code =true}, set by the launcher of {@code authsome daemon serve}). It
 * references nothing, so a one-shot command pays one small class for it.
 */
@Component(service = {})
public final class DashboardStarter {
    @Activate
    void activate(ComponentContext component, BundleContext bundle) {
        if (DaemonRuntime.isDaemon(bundle)) {
            component.enableComponent(DashboardServer.NAME);
        }
    }
}
