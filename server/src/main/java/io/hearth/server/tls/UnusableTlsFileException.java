package io.hearth.server.tls;

import java.nio.file.Path;

/**
 * A certificate or key file the server cannot use. Its message is one line that names the option
 * and the file, so an operator knows which to fix without a stack trace.
 */
public final class UnusableTlsFileException extends Exception {
    public UnusableTlsFileException(String option, Path file, String problem) {
        super(option + " " + file + ": " + problem);
    }
}
