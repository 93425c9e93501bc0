package io.authsome.store.internal;

import io.authsome.api.config.Config;
import io.authsome.api.config.Configuration;
import io.authsome.api.home.HomeLayout;
import io.authsome.common.home.Homes;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The settings of the home's {@code config.json}, parsed once per change of the file. */
@Component(service = Configuration.class)
public final class ConfigurationComponent implements Configuration {
    private ConfigFile file;

    public ConfigurationComponent() {
    }

    /** Outside a framework (tests): the settings of {@code home}. */
    ConfigurationComponent(HomeLayout home) {
        file = new ConfigFile(home.config());
    }

    @Activate
    void activate(BundleContext context) {
        file = new ConfigFile(Homes.layout(context).config());
    }

    @Override
    public Config current() {
        return file.current();
    }
}
