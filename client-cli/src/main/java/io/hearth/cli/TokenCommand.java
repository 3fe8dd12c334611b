package io.hearth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A profile's {@code token-command}: a shell command whose standard output is the token (e.g.
 * {@code pass show hearth}, {@code op read op://team/hearth/token}), run when a command needs it, so
 * the token itself need not be stored. Its output is never printed; only its error output is
 * quoted when it fails.
 */
final class TokenCommand {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** More than any token; a command that prints more did not print a token. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private TokenCommand() {}

    /** Runs {@code command} and returns the first line it printed. */
    static String run(String command) throws TokenCommandException {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> shell = windows ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
        Process process;
        try {
            process = new ProcessBuilder(shell)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new TokenCommandException("the token command could not be started: " + e.getMessage());
        }
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAtMost(process.getInputStream()));
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAtMost(process.getErrorStream()));
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TokenCommandException(
                        "the token command did not finish within " + TIMEOUT.toSeconds() + " s: " + command);
            }
            byte[] printed = output.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                String why = firstLine(new String(errors.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
                throw new TokenCommandException("the token command failed (exit " + process.exitValue() + ")"
                        + (why.isEmpty() ? "" : ": " + why) + ": " + command);
            }
            if (printed.length > MAX_OUTPUT_BYTES) {
                throw new TokenCommandException(
                        "the token command printed more than " + MAX_OUTPUT_BYTES + " bytes, not a token: " + command);
            }
            String token = firstLine(new String(printed, StandardCharsets.UTF_8));
            if (token.isEmpty()) {
                throw new TokenCommandException("the token command printed no token: " + command);
            }
            return token;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new TokenCommandException("interrupted while the token command ran: " + command);
        } catch (ExecutionException | TimeoutException e) {
            throw new TokenCommandException("the token command's output could not be read: " + command);
        }
    }

    private static byte[] readAtMost(InputStream in) {
        try (in) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (kept.size() <= MAX_OUTPUT_BYTES) {
                    kept.write(buffer, 0, read); // and drain the rest, so the command is never blocked
                }
            }
            return kept.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }

    static final class TokenCommandException extends Exception {
        TokenCommandException(String message) {
            super(message);
        }
    }
}
