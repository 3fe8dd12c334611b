package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a connection's secret references into values when a run or a check starts, on the server.
 * A reference that gives no value is a {@code FAILED_PRECONDITION} naming the key and where it
 * looked (the variable or the file), never a value: the fix is on the server, not in the request.
 */
public final class SecretResolver {
    /** A secret file larger than this is refused: a token or a key is far smaller. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private final Function<String, String> environment;

    /** @param environment the value of an environment variable, or {@code null} when it is not set */
    public SecretResolver(Function<String, String> environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** Resolves from this process's environment and file system. */
    public static SecretResolver system() {
        return new SecretResolver(System::getenv);
    }

    /**
     * The values of {@code refs}, key by key; surrounding whitespace (a file's final line break) is
     * not part of a value.
     *
     * @throws FailedPreconditionException naming {@code secret_refs.<key>} for the first reference
     *     that gives no value
     */
    public Map<String, String> resolve(Map<String, String> refs) {
        Map<String, String> values = new TreeMap<>();
        new TreeMap<>(refs).forEach((key, text) -> values.put(key, resolve(key, text)));
        return values;
    }

    private String resolve(String key, String text) {
        SecretReference ref = SecretReference.parse(text)
                .orElseThrow(() -> unavailable(key, "is not a reference (" + SecretReference.FORM + ")"));
        String value = ref.kind() == SecretReference.Kind.ENV ? fromEnvironment(key, ref) : fromFile(key, ref);
        if (value.isBlank()) {
            throw unavailable(key, "refers to " + where(ref) + ", which is empty");
        }
        return value;
    }

    private String fromEnvironment(String key, SecretReference ref) {
        String value = environment.apply(ref.target());
        if (value == null) {
            throw unavailable(key, "refers to " + where(ref) + ", which is not set on the server");
        }
        return value.strip();
    }

    private static String fromFile(String key, SecretReference ref) {
        Path path = Path.of(ref.target());
        if (!Files.isRegularFile(path)) {
            throw unavailable(key, "refers to " + where(ref) + ", which does not exist on the server or is no file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw unavailable(
                    key,
                    "refers to " + where(ref) + ", which the server cannot read ("
                            + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw unavailable(key, "refers to " + where(ref) + ", which is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString()
                    .strip();
        } catch (CharacterCodingException e) {
            throw unavailable(key, "refers to " + where(ref) + ", which is not UTF-8 text");
        }
    }

    private static String where(SecretReference ref) {
        return ref.kind() == SecretReference.Kind.ENV
                ? "the environment variable " + ref.target()
                : "the file " + ref.target();
    }

    private static FailedPreconditionException unavailable(String key, String problem) {
        return new FailedPreconditionException(ErrorReason.SECRET_UNAVAILABLE, "secret_refs." + key + " " + problem);
    }
}
