package io.hearth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reports the Maven project version, which the build writes into version.properties. */
final class HearthVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"hearth " + projectVersion()};
    }

    static String projectVersion() {
        try (InputStream in = HearthVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the CLI jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
