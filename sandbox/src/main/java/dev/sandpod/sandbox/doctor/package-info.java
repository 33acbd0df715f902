/**
 * {@code sandpod doctor}: leftovers of crashed runs of one root. Entry point {@link dev.sandpod.sandbox.doctor.Doctor}
 * ({@code check()} lists, {@code fix()} removes; both return a {@link dev.sandpod.sandbox.doctor.DoctorReport}).
 *
 * <p>What is a leftover: something of this root that no live sandbox owns. Ownership is the root's state.db: sandbox
 * rows (in any desired state), container rows, and pending intents (their sandbox, and the ids in their payload).
 * How each kind is recognised as this root's, and removed, in removal order:
 * <ul>
 *   <li>conmon: a process whose argv[0] is {@code conmon} and whose {@code --exit-dir} is exactly this root's
 *       {@code RUNTIME_DIR/exits}; its {@code --cid} is the container. SIGKILL by pid (checked again just before),
 *       then {@code runc --root RUNTIME_DIR/runc delete --force CID}.</li>
 *   <li>runc state: directories under {@code RUNTIME_DIR/runc}; {@code runc delete --force}.</li>
 *   <li>mounts (from /proc/self/mountinfo): under {@code sandboxes/SID[/containers/CID]} of a gone sandbox or
 *       container; in the runtime dir, or overlays elsewhere under the root, unless the path names a live id. Netns
 *       pins are left to the network phase. Unmounted deepest first with MNT_DETACH.</li>
 *   <li>cgroups: {@code /sandpod/ROOTTAG/SID[/CID]} in every hierarchy; tasks left in one are killed first.</li>
 *   <li>network: machine-wide allocation entries keyed by this root (exactly) and a gone sandbox, torn down as
 *       {@code PodNetwork.tearDown} does (CNI DEL, pin, bridge, lease directory, entry), then veths and bridge by
 *       name if still there; pins {@code RUNTIME_DIR/netns/SID-POD}; the pin directory's own mount once no live pin
 *       is left; lease directories {@code ROOT/net/ipam/sandpod-SID}.</li>
 *   <li>files: {@code RUNTIME_DIR/containers|exits|sockets/CID}, {@code sandboxes/SID}, {@code sandboxes/SID/containers/CID};
 *       the image store's {@code content/ingest/*.partial} and {@code layers/.tmp-*} through the store's own locked
 *       sweeps.</li>
 * </ul>
 * Not looked at: allocations of other roots (even those whose root directory is gone), nft rules (sandpod makes none
 * yet).
 */
package dev.sandpod.sandbox.doctor;
