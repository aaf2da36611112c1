package org.billrun.infra;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What is wrong with a path that should be an input file, in words: a folder where a file should be,
 * a symbolic link that loops or leads nowhere, a file that cannot be read. "Missing" is said only of
 * a path where nothing is at all.
 */
public final class InputPaths {

    private InputPaths() {}

    /** Whether anything is at {@code path}, a dangling or looping symbolic link included. */
    public static boolean anythingAt(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Why {@code path} cannot be read as a file, or empty when it is a readable regular file or when
     * nothing is there (the caller says "missing" then, or takes the file as absent).
     */
    public static Optional<String> unusableFile(Path path) {
        if (!anythingAt(path)) {
            return Optional.empty();
        }
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            return Optional.of(brokenLink(path));
        }
        if (Files.isDirectory(path)) {
            return Optional.of("is a folder, not a file");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("is not a regular file (a device, pipe or socket)");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("cannot be read (permission denied for this user)");
        }
        return Optional.empty();
    }

    /**
     * Why {@code path} cannot be used as an input folder, or empty when it is one. Unlike a file,
     * a folder that is not there is named as missing here.
     */
    public static Optional<String> unusableFolder(Path path) {
        if (!anythingAt(path)) {
            return Optional.of("does not exist");
        }
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            return Optional.of(brokenLink(path));
        }
        if (!Files.isDirectory(path)) {
            return Optional.of("is a file, not a folder");
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            return Optional.of("cannot be read (permission denied for this user)");
        }
        return Optional.empty();
    }

    private static String brokenLink(Path path) {
        try {
            path.toRealPath();
            return "is a symbolic link that cannot be followed";
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? "" : e.getReason();
            if (reason.toLowerCase(java.util.Locale.ROOT).contains("too many levels")) {
                return "is a symbolic link that loops (it leads back to itself)";
            }
            return "is a symbolic link to " + target(path) + ", which does not exist";
        } catch (IOException e) {
            return "is a symbolic link that cannot be followed: " + e.getMessage();
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a path that cannot be read";
        }
    }
}
