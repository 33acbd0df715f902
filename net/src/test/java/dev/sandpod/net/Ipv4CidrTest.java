package dev.sandpod.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4CidrTest {
    @Test
    void parsesFormatsAndComputesHosts() {
        Ipv4Cidr c = Ipv4Cidr.parse("10.200.3.7/24");
        assertEquals("10.200.3.7/24", c.toString());
        assertEquals("10.200.3.0/24", c.network().toString());
        assertEquals("10.200.3.1", c.host(1));
        assertEquals("10.200.3.7", c.ip());
        assertEquals("255.255.255.255/32", Ipv4Cidr.parse("255.255.255.255").toString());
        assertTrue(c.contains("10.200.3.254"));
        assertFalse(c.contains("10.200.4.1"));
    }

    @Test
    void overlapIsSymmetricAcrossPrefixLengths() {
        Ipv4Cidr slash16 = Ipv4Cidr.parse("10.200.0.0/16");
        assertTrue(slash16.overlaps(Ipv4Cidr.parse("10.200.9.0/24")));
        assertTrue(Ipv4Cidr.parse("10.200.9.0/24").overlaps(slash16));
        assertFalse(slash16.overlaps(Ipv4Cidr.parse("10.201.0.0/24")));
        assertTrue(Ipv4Cidr.parse("0.0.0.0/0").overlaps(slash16));
    }

    @Test
    void splitsInAddressOrder() {
        List<Ipv4Cidr> subnets = Ipv4Cidr.parse("10.200.0.0/16").split(24);
        assertEquals(256, subnets.size());
        assertEquals("10.200.0.0/24", subnets.getFirst().toString());
        assertEquals("10.200.255.0/24", subnets.getLast().toString());
    }

    @Test
    void rejectsWhatIsNotAnIpv4Prefix() {
        for (String bad : List.of("10.300.0.0/24", "10.0.0/24", "10.0.0.0/33", "a.b.c.d", "10.0.0.0/x", "1..2.3")) {
            assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse(bad), bad);
        }
    }
}
