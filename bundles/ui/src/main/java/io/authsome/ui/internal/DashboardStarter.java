package io.authsome.ui.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Enables the {@link DashboardServer} in the daemon only (framework property
 * {@code authsome.daemon=true}, set by the launcher of {@code authsome daemon serve}). It
 * references nothing, so a one-shot command pays one small class for it.
 */
@Component(service = {})
public final class DashboardStarter {
    @Activate
    void activate(ComponentContext component, BundleContext bundle) {
        if ("true".equals(bundle.getProperty("authsome.daemon"))) {
            component.enableComponent(DashboardServer.NAME);
        }
    }
}
