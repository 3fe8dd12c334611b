package io.hearth.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * What a CLI run depends on beyond its arguments: how channels are opened, the clock countdowns
 * are computed with, whether standard output is a terminal (so {@code queue --watch} may clear the
 * screen), how often a watched queue is redrawn and how long a retried create waits first. Tests
 * fix the clock and the terminal, and shorten the waits.
 *
 * @param refreshInterval how often {@code queue --watch} redraws its last snapshot on a terminal
 * @param retryPause how long a create waits before its first retry; each further one waits twice
 *     as long
 * @param variables the environment, for where the profiles file is ({@code XDG_CONFIG_HOME},
 *     {@code HOME}); picocli reads the options' variables itself
 * @param in standard input, for {@code hearth login --token-stdin}
 */
record CliEnvironment(
        ChannelFactory channels,
        Clock clock,
        boolean terminal,
        Duration refreshInterval,
        Duration retryPause,
        Function<String, String> variables,
        InputStream in) {

    static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_RETRY_PAUSE = Duration.ofMillis(500);

    CliEnvironment(ChannelFactory channels, Clock clock, boolean terminal, Duration refreshInterval) {
        this(channels, clock, terminal, refreshInterval, DEFAULT_RETRY_PAUSE);
    }

    CliEnvironment(
            ChannelFactory channels, Clock clock, boolean terminal, Duration refreshInterval, Duration retryPause) {
        this(channels, clock, terminal, refreshInterval, retryPause, System::getenv, System.in);
    }

    /** The same with other environment variables and standard input. */
    CliEnvironment with(Function<String, String> variables, InputStream in) {
        return new CliEnvironment(channels, clock, terminal, refreshInterval, retryPause, variables, in);
    }

    /** The real world: system clock in the local time zone, the console decides about ANSI. */
    static CliEnvironment standard(ChannelFactory channels) {
        return new CliEnvironment(channels, Clock.systemDefaultZone(), stdoutIsTerminal(), DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * {@code System.console() != null}. From Java 22 on there is a console even when the streams
     * are redirected, so {@code Console.isTerminal()} is asked as well where it exists.
     */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console exists only for an interactive terminal
        }
    }
}
