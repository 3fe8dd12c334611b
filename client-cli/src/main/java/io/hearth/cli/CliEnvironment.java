package io.hearth.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * @param errTerminal whether standard error is a terminal: only then does progress redraw its line
 *     with carriage returns; in a log file or a pipe it prints plain lines
 */
record CliEnvironment(
        ChannelFactory channels,
        Clock clock,
        boolean terminal,
        Duration refreshInterval,
        Duration retryPause,
        Function<String, String> variables,
        InputStream in,
        boolean errTerminal) {

    static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_RETRY_PAUSE = Duration.ofMillis(500);

    CliEnvironment(ChannelFactory channels, Clock clock, boolean terminal, Duration refreshInterval) {
        this(channels, clock, terminal, refreshInterval, DEFAULT_RETRY_PAUSE);
    }

    CliEnvironment(
            ChannelFactory channels, Clock clock, boolean terminal, Duration refreshInterval, Duration retryPause) {
        this(channels, clock, terminal, refreshInterval, retryPause, System::getenv, System.in, false);
    }

    /** The same with other environment variables and standard input. */
    CliEnvironment with(Function<String, String> variables, InputStream in) {
        return new CliEnvironment(channels, clock, terminal, refreshInterval, retryPause, variables, in, errTerminal);
    }

    /** The same with standard error a terminal or not. */
    CliEnvironment withErrTerminal(boolean errTerminal) {
        return new CliEnvironment(channels, clock, terminal, refreshInterval, retryPause, variables, in, errTerminal);
    }

    /**
     * Whether the CLI may colour its output: not when {@code NO_COLOR} is set to anything non-empty
     * (no-color.org), and not when standard output is not a terminal.
     */
    boolean colour() {
        String noColour = variables.apply("NO_COLOR");
        return terminal && (noColour == null || noColour.isEmpty());
    }

    /** The real world: system clock in the local time zone, the console decides about ANSI. */
    static CliEnvironment standard(ChannelFactory channels) {
        boolean stdoutTerminal = stdoutIsTerminal();
        return new CliEnvironment(
                channels,
                Clock.systemDefaultZone(),
                stdoutTerminal,
                DEFAULT_REFRESH_INTERVAL,
                DEFAULT_RETRY_PAUSE,
                System::getenv,
                System.in,
                stderrIsTerminal(stdoutTerminal));
    }

    /**
     * Java cannot ask about standard error directly. On Linux, /proc names the device behind file
     * descriptor 2; elsewhere standard error counts as a terminal when standard output is one,
     * which is wrong only for {@code 2>file} with the output on a terminal. A dumb terminal (as
     * Emacs shells and some CI logs declare) gets plain lines too.
     */
    private static boolean stderrIsTerminal(boolean stdoutTerminal) {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path stderr = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(stderr)) {
                String device = Files.readSymbolicLink(stderr).toString();
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            // no /proc to ask: fall back on the console
        }
        return stdoutTerminal;
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
