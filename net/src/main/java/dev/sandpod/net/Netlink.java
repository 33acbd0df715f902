package dev.sandpod.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The few link and address operations sandpod makes on the host and in pod namespaces. {@link IpCommand} is the
 * real implementation (iproute2's {@code ip -j}); tests of the allocation logic substitute a fake.
 */
public interface Netlink {
    /** Names of all links in the host's network namespace. */
    Set<String> linkNames() throws IOException;

    /** IPv4 prefixes the host uses: every interface address and every route destination (except default). */
    List<Ipv4Cidr> hostPrefixes() throws IOException;

    /** Deletes a host link; a link that does not exist is not an error. */
    void deleteLink(String name) throws IOException;

    /** Sets {@code ifname} up inside the network namespace pinned at {@code netns}. */
    void linkUp(Path netns, String ifname) throws IOException;
}
