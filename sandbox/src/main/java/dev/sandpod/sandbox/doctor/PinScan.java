package dev.sandpod.sandbox.doctor;

import dev.sandpod.net.NetnsException;
import dev.sandpod.net.NetnsManager;
import dev.sandpod.net.PinnedNetns;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Netns pins ({@code RUNTIME_DIR/netns/SANDBOXID-POD}) of sandboxes not in state, and the pin directory's own mount
 * once no live pin is left in it. Unpinning frees the namespace and everything in it (its end of the veth).
 */
final class PinScan implements Scan {
    private final NetnsManager netns;

    PinScan(NetnsManager netns) {
        this.netns = netns;
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<Leftover> out = new ArrayList<>();
        List<PinnedNetns> pins;
        try {
            pins = netns.list();
        } catch (NetnsException e) {
            throw new DoctorException(e.getMessage(), "run doctor as root", e);
        }
        boolean anyLive = false;
        for (PinnedNetns pin : pins) {
            if (owned.ownsSandbox(sandboxId(pin.name()))) {
                anyLive = true;
            } else {
                out.add(Leftover.of(LeftoverKind.NETNS_PIN, pin.path().toString(), pin::remove));
            }
        }
        if (!anyLive && Files.isDirectory(netns.dir())) {
            out.add(Leftover.of(LeftoverKind.NETNS_DIR, netns.dir().toString(), () -> {
                if (!netns.removeDirIfEmpty()) {
                    throw new java.io.IOException(netns.dir() + " still has pins in it");
                }
            }));
        }
        return out;
    }

    /** {@code SANDBOXID-POD} → SANDBOXID; a name of another shape belongs to no sandbox. */
    private static String sandboxId(String pinName) {
        int dash = pinName.indexOf('-');
        return dash < 0 ? "" : pinName.substring(0, dash);
    }
}
