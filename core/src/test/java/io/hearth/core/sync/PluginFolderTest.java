package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.SourceRecord;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each plugin jar in a class loader of its own that sees the JDK, the SPI and the jar, nothing of the server. */
class PluginFolderTest {
    private static final ClassLoader SERVER = PluginFolderTest.class.getClassLoader();

    @TempDir
    Path plugins;

    @Test
    void aPluginSharesTheServersSpiAndSeesNothingElseOfTheServer() throws Exception {
        new PluginJar()
                .source("thirdparty.Roster", connector("Roster", "roster", "\"a roster\""))
                .services("thirdparty.Roster")
                .writeTo(plugins.resolve("roster.jar"));

        Connector roster = single(PluginFolder.connectors(plugins, SERVER));
        ClassLoader plugin = roster.getClass().getClassLoader();

        assertThat(roster.name()).isEqualTo("roster");
        assertThat(plugin.loadClass(Connector.class.getName())).isSameAs(Connector.class);
        assertThat(plugin.loadClass(SourceRecord.class.getName())).isSameAs(SourceRecord.class);
        assertThat(plugin.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
        for (String server : List.of(
                SyncEngine.class.getName(),
                "org.jooq.DSLContext",
                "org.slf4j.Logger",
                "io.hearth.connector.csv.CsvConnector")) {
            assertThat(SERVER.loadClass(server))
                    .as("on the server's class path")
                    .isNotNull();
            assertThatThrownBy(() -> plugin.loadClass(server)).as(server).isInstanceOf(ClassNotFoundException.class);
        }
        // the server's class path lists the csv connector as a service; the plugin finds only its own
        assertThat(Collections.list(plugin.getResources("META-INF/services/" + Connector.class.getName())))
                .singleElement()
                .extracting(URL::toString)
                .asString()
                .contains("roster.jar!");
    }

    @Test
    void twoPluginsBundlingDifferentVersionsOfOneClassEachGetTheirOwn() throws Exception {
        for (String version : List.of("1", "2")) {
            new PluginJar()
                    .source(
                            "thirdparty.Versioned",
                            connector(
                                    "Versioned",
                                    "versioned-" + version,
                                    "shared.Library.version() + \" \" + new String(getClass().getClassLoader()"
                                            + ".getResourceAsStream(\"shared/library.txt\").readAllBytes())"))
                    .source(
                            "shared.Library",
                            "package shared; public final class Library {"
                                    + " public static String version() { return \"" + version + "\"; } }")
                    .resource("shared/library.txt", "resource " + version)
                    .services("thirdparty.Versioned")
                    .writeTo(plugins.resolve("versioned-" + version + ".jar"));
        }

        List<Connector> connectors = PluginFolder.connectors(plugins, SERVER);

        assertThat(connectors)
                .extracting(Connector::name, Connector::description)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("versioned-1", "1 resource 1"),
                        org.assertj.core.groups.Tuple.tuple("versioned-2", "2 resource 2"));
    }

    @Test
    void aPluginsOwnResourceComesBeforeTheJdksOfTheSameName() throws Exception {
        // as when a plugin bundles xml-apis, which repeats classes of the JDK's java.xml
        String jdkName = "javax/xml/parsers/DocumentBuilder.class";
        new PluginJar()
                .source("thirdparty.Roster", connector("Roster", "roster", "\"a roster\""))
                .resource(jdkName, "the plugin's copy")
                .services("thirdparty.Roster")
                .writeTo(plugins.resolve("roster.jar"));

        ClassLoader plugin =
                single(PluginFolder.connectors(plugins, SERVER)).getClass().getClassLoader();

        assertThat(plugin.getResource(jdkName)).asString().contains("roster.jar!");
        assertThat(Collections.list(plugin.getResources(jdkName)))
                .hasSize(2)
                .first()
                .asString()
                .contains("roster.jar!");
        assertThat(plugin.loadClass("javax.xml.parsers.DocumentBuilder"))
                .as("classes still come from the JDK first")
                .isSameAs(javax.xml.parsers.DocumentBuilder.class);
    }

    @Test
    void aJarListingTwoConnectorsIsRefusedNamingItAndThem() throws Exception {
        new PluginJar()
                .source("thirdparty.One", connector("One", "one", "\"one\""))
                .source("thirdparty.Two", connector("Two", "two", "\"two\""))
                .services("thirdparty.One", "thirdparty.Two")
                .writeTo(plugins.resolve("both.jar"));

        assertThatThrownBy(() -> PluginFolder.connectors(plugins, SERVER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both.jar")
                .hasMessageContaining("2 connectors (thirdparty.One, thirdparty.Two)")
                .hasMessageContaining("a plugin jar lists exactly one connector");
    }

    @Test
    void aJarListingNoConnectorIsRefusedNamingIt() throws Exception {
        new PluginJar()
                .source("thirdparty.Roster", connector("Roster", "roster", "\"a roster\""))
                .writeTo(plugins.resolve("unlisted.jar"));

        assertThatThrownBy(() -> PluginFolder.connectors(plugins, SERVER))
                .hasMessageContaining("unlisted.jar")
                .hasMessageContaining("lists no connector in META-INF/services/io.hearth.connector.spi.Connector");
    }

    @Test
    void aListedClassThatCannotBeLoadedIsRefusedNamingTheJar() throws Exception {
        new PluginJar().services("thirdparty.Missing").writeTo(plugins.resolve("broken.jar"));

        assertThatThrownBy(() -> PluginFolder.connectors(plugins, SERVER))
                .hasMessageContaining("plugin " + plugins.resolve("broken.jar") + " cannot be loaded")
                .hasMessageContaining("thirdparty.Missing");
    }

    @Test
    void noFolderMeansNoPlugins() {
        assertThat(PluginFolder.connectors(plugins.resolve("absent"), SERVER)).isEmpty();
    }

    private static Connector single(List<Connector> connectors) {
        assertThat(connectors).hasSize(1);
        return connectors.get(0);
    }

    /** A connector that reads nothing; {@code description} is a Java expression, evaluated in the plugin. */
    static String connector(String className, String name, String description) {
        return """
                package thirdparty;

                import io.hearth.connector.spi.*;
                import java.util.*;

                public final class %s implements Connector {
                    public String name() { return "%s"; }
                    public String description() {
                        try {
                            return %s;
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }
                    public List<ConfigKey> configKeys() { return List.of(); }
                    public Set<Capability> capabilities() { return Set.of(Capability.READ); }
                }
                """.formatted(className, name, description);
    }
}
