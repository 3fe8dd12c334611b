package io.hearth.server.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's {@code --log-format} and {@code --log-level}, applied to logback before the server
 * logs anything of its own: text lines as in {@code logback.xml}, or one JSON object a line (logback's
 * {@link JsonEncoder}: time, level, logger, message, and the access log's fields as key-value pairs),
 * which log shippers read without parsing patterns.
 */
public final class LogSettings {
    public enum Format {
        TEXT,
        JSON
    }

    private LogSettings() {}

    /** @throws IllegalArgumentException for a level logback does not know, naming the ones it does */
    public static Level level(String name) {
        Level level = Level.toLevel(name.toUpperCase(Locale.ROOT), null);
        if (level == null) {
            throw new IllegalArgumentException(
                    "unknown log level '" + name + "': use one of error, warn, info, debug, trace");
        }
        return level;
    }

    public static void apply(Format format, Level level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding (e.g. in a test): its own configuration rules
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        if (format == Format.JSON) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                    JsonEncoder encoder = new JsonEncoder();
                    encoder.setContext(context);
                    encoder.start();
                    appender.stop();
                    appender.setEncoder(encoder);
                    appender.start();
                }
            }
        }
    }
}
