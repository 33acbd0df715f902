package dev.sandpod.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.SyscallException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileErrorsTest {
    private static FilesException of(int errno) throws Exception {
        return FileErrors.of(new SyscallException("openat2", "etc/x", errno, "text"), ContainerPath.parse("/etc/x"), "sandbox web");
    }

    @Test
    void eachErrnoBecomesTheProblemAUserCanActOn() throws Exception {
        Map<Integer, FilesException.Problem> expected = Map.ofEntries(
                Map.entry(Errno.ENOENT, FilesException.Problem.NOT_FOUND),
                Map.entry(Errno.ENOTDIR, FilesException.Problem.NOT_A_DIRECTORY),
                Map.entry(Errno.EISDIR, FilesException.Problem.IS_A_DIRECTORY),
                Map.entry(Errno.EACCES, FilesException.Problem.PERMISSION_DENIED),
                Map.entry(Errno.EPERM, FilesException.Problem.PERMISSION_DENIED),
                Map.entry(Errno.EROFS, FilesException.Problem.PERMISSION_DENIED),
                Map.entry(Errno.EEXIST, FilesException.Problem.EXISTS),
                Map.entry(Errno.ENOTEMPTY, FilesException.Problem.DIRECTORY_NOT_EMPTY),
                Map.entry(Errno.EBUSY, FilesException.Problem.MOUNT_POINT),
                Map.entry(Errno.EXDEV, FilesException.Problem.MOUNT_POINT),
                Map.entry(Errno.ELOOP, FilesException.Problem.SYMLINK_LOOP),
                Map.entry(Errno.ENOSPC, FilesException.Problem.NO_SPACE),
                Map.entry(Errno.EIO, FilesException.Problem.FAILED));
        for (Map.Entry<Integer, FilesException.Problem> e : expected.entrySet()) {
            assertEquals(e.getValue(), of(e.getKey()).problem(), Errno.name(e.getKey()));
        }
    }

    @Test
    void theMessageNamesThePathInTheContainerAndWhereItIs() throws Exception {
        FilesException e = of(Errno.ENOENT);
        assertEquals("/etc/x in sandbox web does not exist", e.getMessage());
        assertEquals("/etc/x", e.path());
        assertEquals("/etc/x", e.details().get("path"));
        assertTrue(e.hint().isPresent());
    }

    @Test
    void anUnexpectedErrnoKeepsItsNameForTheLog() throws Exception {
        FilesException e = of(Errno.EIO);
        assertTrue(e.getMessage().contains("EIO"), e.getMessage());
        assertEquals("EIO", e.details().get("errno"));
    }
}
