package org.haven.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the CLI was built as, from a resource Maven fills in at build time. */
public final class HavenVersion implements IVersionProvider {

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = HavenVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "development");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"haven " + version()};
    }
}
