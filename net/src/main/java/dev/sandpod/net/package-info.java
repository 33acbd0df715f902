/**
 * Pod networking. Entry point: {@link dev.sandpod.net.PodNetwork} ({@code setUp}/{@code tearDown}); the runtime
 * joins {@link dev.sandpod.net.PodNetworkInfo#netns()} as the container's network namespace path.
 *
 * <p>Where things live on the machine:
 * <ul>
 *   <li>Pins: {@code RUNTIME_DIR/netns/SANDBOXID-POD}, bind mounts of nsfs files. {@code RUNTIME_DIR/netns} is a
 *       mount point of its own with shared propagation (as {@code ip netns add} makes {@code /run/netns}), so
 *       unmounting a pin also unmounts copies that later mount namespaces took; it is unmounted and removed when
 *       its last pin goes.</li>
 *   <li>Subnets and bridge names: one machine-wide list, {@code /run/sandpod-net/allocations.json}, locked with
 *       {@code allocations.json.lock}; entries are keyed by root path and sandbox id. Default pool
 *       {@code 10.200.0.0/16} in /24s; host addresses and routes are skipped. {@code /run} is a tmpfs on most
 *       machines, so the list starts empty after a reboot, when no bridge or namespace survives either.</li>
 *   <li>Leases: host-local's {@code dataDir} is {@code ROOT/net/ipam}, one directory per sandbox network
 *       ({@code sandpod-SANDBOXID}), deleted with the sandbox's last pod.</li>
 * </ul>
 *
 * <p>CNI: Debian's {@code containernetworking-plugins} in {@code /usr/lib/cni}; the {@code bridge} plugin with
 * {@code isGateway}, {@code hairpinMode}, no {@code ipMasq} (egress policy comes from nftables, later), IPAM
 * {@code host-local}. Spec version 1.0.0 when the plugin's VERSION lists it, else 0.4.0.
 */
package dev.sandpod.net;
