package dev.sandpod.sandbox;

import dev.sandpod.state.RootLayout;

/**
 * A stand-in for the daemon in crash tests, run in a child JVM: opens the service on a root and runs or removes one
 * sandbox. With {@code -Dsandpod.test.crashAt} it stops at that point for the test to kill it.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        RootLayout layout = RootLayout.of(java.nio.file.Path.of(args[0]));
        try (SandboxService service = SandboxService.open(layout, new SandboxService.Config(RealSandboxTest.FAST))) {
            switch (args[1]) {
                case "run" -> service.run(RealSandboxTest.sh(args[2], "sleep 300").build());
                case "remove" -> service.remove(args[2], true);
                case "reconcile" -> {
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (System.nanoTime() < deadline) {
                        service.reconciler().reconcileOnce(java.time.Instant.now());
                        Thread.sleep(20);
                    }
                }
                default -> throw new IllegalArgumentException(args[1]);
            }
        }
        System.out.println("done");
    }
}
