package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jstack.runtime.UserResolver.ResolvedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {

    @TempDir
    Path rootfs;

    @BeforeEach
    void etcFiles() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), String.join("\n",
                "root:x:0:0:root:/root:/bin/sh",
                "# a comment",
                "",
                "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin",
                "app:x:1000:1001::/home/app:/bin/sh",
                "broken line without fields",
                "app:x:2000:2000:a second entry, never used:/:/bin/sh") + "\n");
        Files.writeString(rootfs.resolve("etc/group"), String.join("\n",
                "root:x:0:",
                "wheel:x:10:root,app",
                "www-data:x:33:",
                "appgroup:x:1001:",
                "docker:x:999:app,www-data",
                "audio:x:29:app") + "\n");
    }

    @Test
    void noUserIsRootWithRootsGroups() throws Exception {
        assertEquals(new ResolvedUser(0, 0, List.of(10)), UserResolver.resolve(null, rootfs));
        assertEquals(new ResolvedUser(0, 0, List.of(10)), UserResolver.resolve("", rootfs));
    }

    @Test
    void aNameTakesItsUidGidAndSupplementaryGroupsSorted() throws Exception {
        assertEquals(new ResolvedUser(1000, 1001, List.of(10, 29, 999)), UserResolver.resolve("app", rootfs));
        assertEquals(new ResolvedUser(33, 33, List.of(999)), UserResolver.resolve("www-data", rootfs));
    }

    @Test
    void aUidWithAnEntryTakesTheEntrysGroups() throws Exception {
        assertEquals(new ResolvedUser(1000, 1001, List.of(10, 29, 999)), UserResolver.resolve("1000", rootfs));
    }

    @Test
    void aUidWithoutAnEntryRunsWithGroupZero() throws Exception {
        assertEquals(new ResolvedUser(4242, 0, List.of()), UserResolver.resolve("4242", rootfs));
    }

    @Test
    void anExplicitGroupReplacesPrimaryAndSupplementaryGroups() throws Exception {
        assertEquals(new ResolvedUser(1000, 999, List.of()), UserResolver.resolve("app:docker", rootfs));
        assertEquals(new ResolvedUser(1000, 77, List.of()), UserResolver.resolve("app:77", rootfs));
        assertEquals(new ResolvedUser(4242, 4343, List.of()), UserResolver.resolve("4242:4343", rootfs));
        assertEquals(new ResolvedUser(33, 10, List.of()), UserResolver.resolve("33:wheel", rootfs));
    }

    @Test
    void anUnknownNameSaysWhichFileWasSearched() {
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> UserResolver.resolve("nginx", rootfs));
        assertEquals("user \"nginx\": no such user in " + rootfs.resolve("etc/passwd")
                + "; add the user to the image or give a numeric uid[:gid]", e.getMessage());
    }

    @Test
    void anUnknownGroupSaysWhichFileWasSearched() {
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> UserResolver.resolve("app:staff", rootfs));
        assertEquals("user \"app:staff\": no such group \"staff\" in " + rootfs.resolve("etc/group")
                + "; add the group to the image or give a numeric gid", e.getMessage());
    }

    @Test
    void withoutEtcFilesOnlyNumbersWork(@TempDir Path empty) throws Exception {
        assertEquals(new ResolvedUser(0, 0, List.of()), UserResolver.resolve(null, empty));
        assertEquals(new ResolvedUser(5, 6, List.of()), UserResolver.resolve("5:6", empty));
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> UserResolver.resolve("app", empty));
        assertEquals("user \"app\": no such user in " + empty.resolve("etc/passwd")
                + "; add the user to the image or give a numeric uid[:gid]", e.getMessage());
    }

    @Test
    void anIdBeyondTheRangeIsRefused() {
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> UserResolver.resolve("99999999999", rootfs));
        assertEquals("user \"99999999999\": 99999999999 is out of range; ids go from 0 to 2147483647",
                e.getMessage());
    }

    @Test
    void aSymlinkedPasswdIsNotFollowedOutOfTheRoot() throws Exception {
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd"));
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> UserResolver.resolve("app", rootfs));
        assertEquals("read " + rootfs.resolve("etc/passwd") + ": is a symbolic link; give a numeric uid:gid instead",
                e.getMessage());
    }
}
