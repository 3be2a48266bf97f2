package org.haven.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The user's {@code haven} configuration: the server they signed in to and the personal access token the CLI
 * created for them. The token is a credential, so the file is readable by its owner only (0600, in a 0700
 * directory when the CLI creates it) from the moment it exists.
 */
public final class ConfigFile {

    /** The system property that names the file; it wins over the environment, so tests need not change it. */
    public static final String PROPERTY = "haven.config";

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    /** What the file holds; the token is null once signed out. */
    public record Contents(String server, String token) {}

    /**
     * Where the configuration lives: an explicit path ({@code --config}), else the {@value #PROPERTY} system
     * property, else {@code $HAVEN_CONFIG}, else {@code $XDG_CONFIG_HOME/haven/config.json}, else
     * {@code ~/.config/haven/config.json}.
     */
    public static ConfigFile locate(Path explicit, String property, Function<String, String> environment) {
        if (explicit != null) {
            return new ConfigFile(explicit);
        }
        if (isSet(property)) {
            return new ConfigFile(Path.of(property));
        }
        String havenConfig = environment.apply("HAVEN_CONFIG");
        if (isSet(havenConfig)) {
            return new ConfigFile(Path.of(havenConfig));
        }
        String xdg = environment.apply("XDG_CONFIG_HOME");
        Path base = isSet(xdg) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ConfigFile(base.resolve("haven").resolve("config.json"));
    }

    public Path path() {
        return path;
    }

    public Optional<Contents> read() {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliFailure("cannot read " + path + ": " + e.getMessage());
        }
        try {
            JsonNode json = HttpJson.readJson(text);
            return Optional.of(new Contents(textOrNull(json.path("server")), textOrNull(json.path("token"))));
        } catch (JacksonException e) {
            throw new CliFailure(path + " is not valid JSON; fix or delete it, then sign in again");
        }
    }

    public void write(Contents contents) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("server", contents.server());
        if (contents.token() != null) {
            json.put("token", contents.token());
        }
        try {
            createOwnerOnly();
            Files.writeString(path, HttpJson.toJson(json) + System.lineSeparator(),
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + path + ": " + e.getMessage());
        }
    }

    /**
     * Creates the file with owner-only permissions, so the token is never readable by others, not even between
     * creating and tightening; a file that already exists is tightened before anything is written to it.
     */
    private void createOwnerOnly() throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path directory = path.toAbsolutePath().getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        if (Files.exists(path)) {
            if (posix) {
                Files.setPosixFilePermissions(path, OWNER_ONLY_FILE);
            }
        } else if (posix) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(path);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
