package dev.sandpod.net;

import dev.sandpod.core.sys.LinuxMounts;

import java.nio.file.Path;

/** Run in a child JVM by the tests: pins a namespace and exits, so the pin must outlive the JVM that made it. */
public final class PinMain {
    private PinMain() {
    }

    public static void main(String[] args) throws Exception {
        PinnedNetns pin = new NetnsManager(new LinuxMounts(), new IpCommand(), Path.of(args[0])).create(args[1]);
        System.out.println(pin.path());
    }
}
