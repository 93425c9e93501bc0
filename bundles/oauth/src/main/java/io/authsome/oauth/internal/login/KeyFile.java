package io.authsome.oauth.internal.login;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The contents of a file a login field names (a PEM private key, a JSON key file): a path
 * resolved against the invocation's working directory ({@code ~/} against its {@code HOME}), read
 * whole as UTF-8 text of at most {@value #MAX_BYTES} bytes. Every failure names the path and the
 * field, never the contents.
 */
final class KeyFile {
    /** The largest key file read: key files are a few kilobytes. */
    static final int MAX_BYTES = 64 * 1024;

    private KeyFile() {
    }

    /**
     * @param given     the path as given
     * @param label     the field's label, for messages
     * @param directory the invocation's working directory, or empty when relative paths are refused
     * @param home      the invocation's {@code HOME}, or {@code null}
     */
    static String read(String given, String label, Optional<Path> directory, String home) throws AuthsomeException {
        Path path = resolve(given, label, directory, home);
        if (Files.isDirectory(path)) {
            throw invalid(label, path + " is a directory, not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw invalid(label, "there is no file " + path);
        } catch (AccessDeniedException e) {
            throw invalid(label, "cannot read " + path + ": permission denied");
        } catch (IOException e) {
            throw invalid(label, "cannot read " + path + ": " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_BYTES) {
            throw invalid(label, path + " is larger than " + MAX_BYTES / 1024 + " KiB, too large for a key file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(label, path + " is not UTF-8 text (a binary key file? give the PEM or JSON form)");
        }
    }

    private static Path resolve(String given, String label, Optional<Path> directory, String home)
            throws AuthsomeException {
        String text = given;
        if ((text.equals("~") || text.startsWith("~/")) && home != null && !home.isBlank()) {
            text = home + text.substring(1);
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(label, "'" + given + "' is not a file path");
        }
        if (path.isAbsolute()) {
            return path.normalize();
        }
        return directory.map(d -> d.resolve(path).normalize()).orElseThrow(() -> invalid(label,
                "the relative path '" + given + "' has no working directory to start from here; give an absolute path"));
    }

    private static AuthsomeException invalid(String label, String problem) {
        return new AuthsomeException(ErrorCode.INVALID_INPUT, label + ": " + problem + "; nothing was stored",
                "give the path of the file again");
    }
}
