package io.hearth.cli;

import io.hearth.cli.ProfilesFile.Profiles;
import io.hearth.cli.ProfilesFile.ProfilesFileException;
import io.hearth.cli.TokenCommand.TokenCommandException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fills in the connection options a command line left open: options first, then their variables
 * (picocli has read both), then the profile ({@code --profile}, {@code $HEARTH_PROFILE}, else the
 * file's active one), then the defaults. A profile applies only to its own server: when
 * {@code --server} or {@code $HEARTH_SERVER} names another, none of the profile is used, so its token
 * is never sent anywhere else.
 */
final class ProfileSettings {
    private ProfileSettings() {}

    /**
     * Completes {@code options} in place.
     *
     * @return the profile used, if any
     */
    static Optional<Profile> apply(GlobalOptions options, CliEnvironment environment) throws SettingsException {
        ProfilesFile file = ProfilesFile.locate(options.config, environment.variables());
        Optional<Profile> profile;
        try {
            profile = chosen(options, file, file.read());
        } catch (ProfilesFileException e) {
            throw new SettingsException(e.getMessage());
        }
        if (profile.isPresent()
                && options.server != null
                && !options.server.strip().equals(profile.get().server().orElse(null))) {
            profile = Optional.empty();
        }
        if (profile.isPresent()) {
            fillFrom(options, file, profile.get());
        }
        if (options.server == null || options.server.isBlank()) {
            options.server = GlobalOptions.DEFAULT_SERVER;
        }
        if (options.tls == null) {
            options.tls = false;
        }
        return profile;
    }

    private static Optional<Profile> chosen(GlobalOptions options, ProfilesFile file, Profiles profiles)
            throws SettingsException {
        if (options.profile != null && !options.profile.isBlank()) {
            Profile named = profiles.byName().get(options.profile.strip());
            if (named == null) {
                throw new SettingsException("no profile '" + options.profile.strip() + "' in " + file.path()
                        + " ('hearth profiles list' shows them; 'hearth login --profile NAME' makes one)");
            }
            return Optional.of(named);
        }
        if (profiles.active().isEmpty()) {
            return Optional.empty();
        }
        Profile active = profiles.byName().get(profiles.active().get());
        if (active == null) {
            throw new SettingsException(
                    "the active profile '" + profiles.active().get() + "' is not in " + file.path()
                            + ": choose one with 'hearth profiles use NAME'");
        }
        return Optional.of(active);
    }

    private static void fillFrom(GlobalOptions options, ProfilesFile file, Profile profile) throws SettingsException {
        if (options.server == null) {
            options.server = profile.server().orElse(null);
        }
        if (options.tls == null) {
            options.tls = profile.tls().orElse(null);
        }
        if (options.caCert == null) {
            options.caCert = profile.caCert().map(Path::of).orElse(null);
        }
        if (options.clientCert == null && options.clientKey == null) {
            options.clientCert = profile.clientCert().map(Path::of).orElse(null);
            options.clientKey = profile.clientKey().map(Path::of).orElse(null);
        }
        if (options.token != null && !options.token.isBlank()) {
            return;
        }
        try {
            if (profile.token().isPresent()) {
                file.checkPrivate();
                options.token = profile.token().get();
            } else if (profile.tokenCommand().isPresent()) {
                options.token = TokenCommand.run(profile.tokenCommand().get());
            }
        } catch (ProfilesFileException | TokenCommandException e) {
            throw new SettingsException("profile '" + profile.name() + "': " + e.getMessage());
        }
    }

    /** The options, variables and profiles file together do not make a usable connection. */
    static final class SettingsException extends Exception {
        SettingsException(String message) {
            super(message);
        }
    }
}
