package io.hearth.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The CLI's profiles, in a TOML file: {@code $HEARTH_CONFIG} or {@code --config}, else
 * {@code $XDG_CONFIG_HOME/hearth/config.toml}, else {@code ~/.config/hearth/config.toml}.
 *
 * <pre>
 * active = "work"
 *
 * [profiles.work]
 * server = "hearth.example.com:50051"
 * ca-cert = "/home/alice/tls/ca.pem"
 * token-command = "pass show hearth"
 * </pre>
 *
 * It is written with mode 0600 in a directory of mode 0700, since it may hold a token; a token is
 * not read from a file that others may read.
 */
final class ProfilesFile {
    static final String ACTIVE = "active";
    static final String PROFILES = "profiles";
    static final String SERVER = "server";
    static final String TLS = "tls";
    static final String CA_CERT = "ca-cert";
    static final String CLIENT_CERT = "client-cert";
    static final String CLIENT_KEY = "client-key";
    static final String TOKEN = "token";
    static final String TOKEN_COMMAND = "token-command";
    /** A file this large is not a profiles file. */
    static final int MAX_BYTES = 1 << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Made on first use: a call without a profiles file should not pay for a mapper's set-up. */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    private final Path path;

    ProfilesFile(Path path) {
        this.path = path;
    }

    /** Where the file is: {@code given} (--config or $HEARTH_CONFIG), else the XDG place. */
    static ProfilesFile locate(Path given, Function<String, String> variables) {
        if (given != null) {
            return new ProfilesFile(given);
        }
        String xdg = variables.apply("XDG_CONFIG_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = variables.apply("HOME");
            base = Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home)
                    .resolve(".config");
        }
        return new ProfilesFile(base.resolve("hearth").resolve("config.toml"));
    }

    Path path() {
        return path;
    }

    /** A profile name: letters, digits, '-', '_' and '.', 64 at most, starting with a letter or digit. */
    static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of(
                    "a profile name is 1 to 64 letters, digits, '-', '_' or '.', starting with a letter " + "or digit");
        }
        return Optional.empty();
    }

    /** The profiles in the file; none when there is no file. */
    Profiles read() throws ProfilesFileException {
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new ProfilesFileException(path + ": larger than " + MAX_BYTES + " bytes, not a profiles file");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Profiles(Optional.empty(), new LinkedHashMap<>());
        } catch (IOException e) {
            throw new ProfilesFileException(
                    path + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            // the parser's message can quote the line, which may hold a token: name the place only
            throw new ProfilesFileException(path + ": not valid TOML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        JsonNode tables = root == null ? null : root.get(PROFILES);
        if (tables != null) {
            if (!tables.isObject()) {
                throw new ProfilesFileException(path + ": '" + PROFILES + "' must be a table of profiles");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                profiles.put(entry.getKey(), profile(entry.getKey(), entry.getValue()));
            }
        }
        Optional<String> active = root == null ? Optional.empty() : text(root, ACTIVE, "the file");
        return new Profiles(active, profiles);
    }

    private Profile profile(String name, JsonNode table) throws ProfilesFileException {
        String where = "profile '" + name + "'";
        if (!table.isObject()) {
            throw new ProfilesFileException(path + ": " + where + " must be a table");
        }
        Optional<Boolean> tls = Optional.empty();
        JsonNode tlsNode = table.get(TLS);
        if (tlsNode != null) {
            if (!tlsNode.isBoolean()) {
                throw new ProfilesFileException(path + ": " + where + ": '" + TLS + "' must be true or false");
            }
            tls = Optional.of(tlsNode.booleanValue());
        }
        return new Profile(
                name,
                text(table, SERVER, where),
                tls,
                text(table, CA_CERT, where),
                text(table, CLIENT_CERT, where),
                text(table, CLIENT_KEY, where),
                text(table, TOKEN, where),
                text(table, TOKEN_COMMAND, where));
    }

    private Optional<String> text(JsonNode table, String key, String where) throws ProfilesFileException {
        JsonNode node = table.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new ProfilesFileException(path + ": " + where + ": '" + key + "' must be a string");
        }
        return node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
    }

    /**
     * Refuses the file's token when others may read the file: whoever can read it can act as its
     * owner. Only where the file system has POSIX permissions.
     */
    void checkPrivate() throws ProfilesFileException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new ProfilesFileException(
                    path + ": cannot read its permissions (" + e.getClass().getSimpleName() + ")");
        }
        Set<PosixFilePermission> others = Set.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE);
        if (permissions.stream().anyMatch(others::contains)) {
            throw new ProfilesFileException(path + " holds a token but others may read or change it ("
                    + PosixFilePermissions.toString(permissions) + "): the token is not used; make the file "
                    + "yours alone with: chmod 600 " + path);
        }
    }

    /** Writes {@code profiles} in place of the file, whole or not at all, readable by its owner only. */
    void write(Profiles profiles) throws ProfilesFileException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        profiles.active().ifPresent(active -> root.put(ACTIVE, active));
        ObjectNode tables = root.putObject(PROFILES);
        for (Profile profile : profiles.byName().values()) {
            ObjectNode table = tables.putObject(profile.name());
            profile.server().ifPresent(v -> table.put(SERVER, v));
            profile.tls().ifPresent(v -> table.put(TLS, v));
            profile.caCert().ifPresent(v -> table.put(CA_CERT, v));
            profile.clientCert().ifPresent(v -> table.put(CLIENT_CERT, v));
            profile.clientKey().ifPresent(v -> table.put(CLIENT_KEY, v));
            profile.token().ifPresent(v -> table.put(TOKEN, v));
            profile.tokenCommand().ifPresent(v -> table.put(TOKEN_COMMAND, v));
        }
        try {
            String text = "# Hearth CLI profiles: written by 'hearth login' and 'hearth profiles'; may hold tokens,\n"
                    + "# so keep it private (mode 600)\n" + Toml.MAPPER.writeValueAsString(root);
            Path directory = path.toAbsolutePath().getParent();
            boolean posix = Files.getFileAttributeView(directory.getRoot(), PosixFileAttributeView.class) != null;
            if (!Files.isDirectory(directory)) {
                if (posix) {
                    Files.createDirectories(
                            directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(directory);
                }
            }
            Path temporary = directory.resolve("." + path.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            if (posix) {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ProfilesFileException(path + ": cannot be written (another hearth is writing it)");
        } catch (IOException e) {
            throw new ProfilesFileException(
                    path + ": cannot be written (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The file's profiles, in file order, and which one is active. */
    record Profiles(Optional<String> active, Map<String, Profile> byName) {
        Optional<Profile> activeProfile() {
            return active.map(byName::get);
        }

        Profiles with(Profile profile) {
            Map<String, Profile> changed = new LinkedHashMap<>(byName);
            changed.put(profile.name(), profile);
            return new Profiles(active, changed);
        }

        Profiles withActive(Optional<String> name) {
            return new Profiles(name, byName);
        }

        Profiles without(String name) {
            Map<String, Profile> changed = new LinkedHashMap<>(byName);
            changed.remove(name);
            return new Profiles(active.filter(a -> !a.equals(name)), changed);
        }
    }

    /** The file cannot be used; the message names it and what to do, never a token. */
    static final class ProfilesFileException extends Exception {
        ProfilesFileException(String message) {
            super(message);
        }
    }
}
