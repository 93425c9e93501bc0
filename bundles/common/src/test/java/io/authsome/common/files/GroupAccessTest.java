package io.authsome.common.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the group of the test's own files: giving a group, closing entries, and which modes pass. */
class GroupAccessTest {
    @TempDir
    Path temp;
    GroupPrincipal own;

    @BeforeEach
    void setUp() throws IOException {
        own = Files.getFileAttributeView(temp, PosixFileAttributeView.class).readAttributes().group();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Path withMode(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    @Test
    void aGroupThatDoesNotExistIsNamedAsSuch() {
        assertThrows(UserPrincipalNotFoundException.class, () -> GroupAccess.group(temp, "no-such-group-7d3e9a"));
    }

    @Test
    void theAgentsCaFolderAndItsFilesBecomeReadableButNotAWriteInProgress() throws Exception {
        Path agents = Files.createDirectories(temp.resolve("ca/agents"));
        Path bundle = withMode(Files.writeString(agents.resolve("ca-bundle.pem"), "pem"), "rw-------");
        Path partial = withMode(Files.writeString(agents.resolve(".ca-bundle.pem123.tmp"), "pe"), "rw-------");
        GroupAccess.shareReadable(agents, own);
        assertEquals("rwxr-x---", mode(agents));
        assertEquals("rw-r-----", mode(bundle));
        assertEquals("rw-------", mode(partial));
        GroupAccess.shareReadable(temp.resolve("missing"), own); // nothing to do
    }

    @Test
    void aLinkIsNeverGiven() throws Exception {
        Path target = withMode(Files.writeString(temp.resolve("master.key"), "secret"), "rw-------");
        Path link = Files.createSymbolicLink(temp.resolve("daemon.pid"), target);
        assertThrows(IOException.class, () -> GroupAccess.give(link, own, GroupAccess.READABLE_FILE));
        assertEquals("rw-------", mode(target));
    }

    @Test
    void closingAFolderTakesGroupAndOthersFromAllButTheExceptions() throws Exception {
        Path config = withMode(Files.writeString(temp.resolve("config.json"), "{}"), "rw-r--r--");
        Path profiles = withMode(Files.createDirectory(temp.resolve("profiles")), "rwxr-xr-x");
        Path run = withMode(Files.createDirectory(temp.resolve("run")), "rwxr-x---");
        Path key = withMode(Files.writeString(temp.resolve("master.key"), "k"), "rw-------");
        List<Path> changed = GroupAccess.closeEntries(temp, Set.of(run));
        assertEquals(Set.of(config, profiles), Set.copyOf(changed));
        assertEquals("rw-------", mode(config));
        assertEquals("rwx------", mode(profiles));
        assertEquals("rwxr-x---", mode(run));
        assertEquals("rw-------", mode(key));
    }

    @Test
    void onlyTheAllowedGroupPermissionsOfThatGroupPass() throws Exception {
        Path home = Files.createDirectory(temp.resolve("home"));
        Set<PosixFilePermission> traverse = Set.of(PosixFilePermission.GROUP_EXECUTE);
        withMode(home, "rwx------");
        assertTrue(GroupAccess.isPrivateOrGivenTo(home, own, traverse));
        assertTrue(GroupAccess.isPrivateOrGivenTo(home, null, traverse));
        withMode(home, "rwx--x---");
        assertTrue(GroupAccess.isPrivateOrGivenTo(home, own, traverse));
        assertFalse(GroupAccess.isPrivateOrGivenTo(home, null, traverse), "no group configured: 0700 only");
        for (String open : List.of("rwxr-x---", "rwx-wx---", "rwx--x--x", "rwx-----x", "rwx---r--")) {
            withMode(home, open);
            assertFalse(GroupAccess.isPrivateOrGivenTo(home, own, traverse), open);
        }
    }
}
