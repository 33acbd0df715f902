/**
 * File access to a container's root file system, every path resolved by the kernel with the container's root as
 * {@code /}. {@link dev.sandpod.runtime.files.ContainerRoots} opens the root ({@code /proc/<pid>/root} of the running
 * init, pidfd- and cgroup-checked, or the mounted rootfs); {@link dev.sandpod.runtime.files.ConfinedRoot} resolves
 * paths below it with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) and hands out directory fds; one class per
 * operation (ReadFile, WriteFile, StatPath, ListDirectory, MakeDirectory, RemovePath, ArchiveOut, ArchiveIn) works
 * below those fds one name at a time, never following a symlink it didn't resolve through the root.
 * {@link dev.sandpod.runtime.files.ContainerFiles} is the entry point; failures are
 * {@link dev.sandpod.runtime.files.FilesException}s naming the path in the container.
 */
package dev.sandpod.runtime.files;
