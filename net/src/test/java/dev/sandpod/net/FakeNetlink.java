package dev.sandpod.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A host whose links and prefixes the test sets; records deletions and link-ups. */
final class FakeNetlink implements Netlink {
    final Set<String> links = new LinkedHashSet<>(List.of("lo", "eth0"));
    final List<Ipv4Cidr> prefixes = new ArrayList<>(List.of(Ipv4Cidr.parse("127.0.0.1/8"), Ipv4Cidr.parse("192.0.2.2/24")));
    final List<String> deleted = new ArrayList<>();
    final List<String> linkedUp = new ArrayList<>();

    @Override
    public synchronized Set<String> linkNames() {
        return Set.copyOf(links);
    }

    @Override
    public synchronized List<Ipv4Cidr> hostPrefixes() {
        return List.copyOf(prefixes);
    }

    @Override
    public synchronized void deleteLink(String name) {
        deleted.add(name);
        links.remove(name);
    }

    @Override
    public synchronized void linkUp(Path netns, String ifname) {
        linkedUp.add(netns + ":" + ifname);
    }
}
