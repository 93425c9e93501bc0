package io.authsome.client.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which process holds a socket, by its inode, through {@code /proc} (Linux). */
public final class ProcSockets {
    private static final Path PROC = Path.of("/proc");

    private ProcSockets() {
    }

    /** Whether process {@code pid} has the socket of inode {@code inode} among its open descriptors. */
    public static boolean holds(long pid, String inode) {
        String link = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(link)) {
                        return true;
                    }
                } catch (IOException e) {
                    // The descriptor was closed meanwhile.
                }
            }
        } catch (IOException e) {
            // The process ended meanwhile, or is not ours to read.
        }
        return false;
    }
}
