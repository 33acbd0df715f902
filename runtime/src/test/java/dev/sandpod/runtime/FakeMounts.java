package dev.sandpod.runtime;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.core.sys.SyscallException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records every {@link Mounts} call as a typed record, keeps a table of what is mounted, and injects errnos. */
final class FakeMounts implements Mounts {
    sealed interface Call permits MountCall, UmountCall, UnshareCall, SetnsCall {
    }

    record MountCall(String source, String target, String fstype, long flags, String data) implements Call {
    }

    record UmountCall(String target, int flags) implements Call {
    }

    record UnshareCall(int flags) implements Call {
    }

    record SetnsCall(int fd, int nstype) implements Call {
    }

    final List<Call> calls = new ArrayList<>();
    final Set<String> mounted = new HashSet<>();
    private final Deque<Integer> failures = new ArrayDeque<>();

    /** The next calls fail with these errnos, one each, in order. */
    FakeMounts failNext(int... errnos) {
        for (int e : errnos) {
            failures.add(e);
        }
        return this;
    }

    private void maybeFail(String call, String path) throws SyscallException {
        Integer errno = failures.poll();
        if (errno != null) {
            throw new SyscallException(call, path, errno, Errno.name(errno));
        }
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws SyscallException {
        calls.add(new MountCall(source, target, fstype, flags, data));
        maybeFail("mount", target);
        mounted.add(target);
    }

    @Override
    public void umount2(String target, int flags) throws SyscallException {
        calls.add(new UmountCall(target, flags));
        maybeFail("umount2", target);
        if (!mounted.remove(target)) {
            throw new SyscallException("umount2", target, Errno.EINVAL, "Invalid argument");
        }
    }

    @Override
    public void unshare(int flags) throws SyscallException {
        calls.add(new UnshareCall(flags));
        maybeFail("unshare", "");
    }

    @Override
    public void setns(int fd, int nstype) throws SyscallException {
        calls.add(new SetnsCall(fd, nstype));
        maybeFail("setns", "fd " + fd);
    }
}
