package io.authsome.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/authsome} starts the long-lived JVM of {@code run} with periodic trimming of the
 * native heap when that JVM has the option, read from the {@code release} file of the JVM it
 * starts, and without it when the JVM is older (which would refuse to start with it). The JVM
 * behind {@code JAVA_HOME} is a script that starts the test's own JVM, beside a {@code release}
 * file that says which version it is (the test's own, or an older one); the child of {@code run}
 * reads the JVM's command line.
 */
class NativeHeapTrimIT {
    private static final String OPTION = "-XX:TrimNativeHeapInterval=5000";

    @TempDir
    Path temp;

    @Test
    void aJvmThatHasTheOptionGetsIt() throws Exception {
        Runtime.Version version = Runtime.version();
        boolean has = version.feature() >= 22 || version.feature() == 21 && version.update() >= 1
                || version.feature() == 17 && version.update() >= 9;
        // The version on the last line and no line break after it (a release file edited by hand): still read.
        String command = runJvmCommandLine("IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version.feature() + "."
                + version.interim() + "." + version.update() + "\"");
        assertEquals(has, command.contains(OPTION), command);
        assertTrue(command.contains("-Xmn16m"), command);
    }

    @Test
    void anOlderJvmStartsWithoutIt() throws Exception {
        String command = runJvmCommandLine("IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"17.0.8\"\n");
        assertFalse(command.contains("TrimNativeHeapInterval"), command);
        assertTrue(command.contains("authsome-launcher.jar run"), command);
    }

    @Test
    void aJvmWithoutAReleaseFileStartsWithoutIt() throws Exception {
        String command = runJvmCommandLine(null);
        assertFalse(command.contains("TrimNativeHeapInterval"), command);
    }

    /**
     * The command line of the JVM of {@code authsome run}, started from a JVM home whose release
     * file says {@code release} ({@code null}: no release file).
     */
    private String runJvmCommandLine(String release) throws Exception {
        Path jdk = Files.createDirectories(temp.resolve("jdk/bin"));
        Path java = jdk.resolve("java");
        Path real = Path.of(System.getProperty("java.home"), "bin/java");
        Files.writeString(java, "#!/bin/sh\nexec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        if (release != null) {
            Files.writeString(temp.resolve("jdk/release"), release);
        }
        Authsome authsome = new Authsome(temp.resolve("home")).with("JAVA_HOME", temp.resolve("jdk").toString())
                .with("AUTHSOME_NO_DAEMON", "1");
        Authsome.Run run = authsome.run("run", "--", "sh", "-c", "tr '\\0' ' ' < /proc/$PPID/cmdline");
        assertEquals(0, run.exitCode(), run.toString());
        return run.out();
    }
}
