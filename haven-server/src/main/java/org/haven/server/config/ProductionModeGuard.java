package org.haven.server.config;

import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Refuses to start a server in {@code HAVEN_MODE=production} while any dev-only default is in use. It runs as a
 * context initializer (registered in {@code META-INF/spring.factories}) so that nothing, not even the embedded
 * database, has started when it says no.
 */
public final class ProductionModeGuard implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        HavenSettings settings = binder.bindOrCreate("haven", HavenSettings.class);
        check(settings);
    }

    static void check(HavenSettings settings) {
        if (settings.mode() != Mode.PRODUCTION) {
            return;
        }
        List<DevOnlySetting> inUse = DevOnlySetting.ALL.stream().filter(setting -> setting.inUse().test(settings)).toList();
        if (!inUse.isEmpty()) {
            StringBuilder message = new StringBuilder("HAVEN_MODE=production refuses dev-only settings:");
            inUse.forEach(setting -> message.append(System.lineSeparator()).append("  - ").append(setting.name())
                    .append(": ").append(setting.replaceWith()));
            throw new IllegalStateException(message.toString());
        }
    }
}
