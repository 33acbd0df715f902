package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Status truth: while one thread restarts a crash-looping container as fast as the back-off allows (as the
 * daemon's reconciler does), another calls describe on the same service as fast as it can. Every observation must
 * be consistent with the ones before it and never older than a restart that finished before it was asked for.
 */
class StatusTruthE2ETest extends RealSandboxTest {
    private static final int RESTARTS = 20;

    @Test
    void describeDuringACrashLoopIsNeverStaleNorGoesBackwards() throws Exception {
        service.close();
        service = SandboxService.open(layout, new SandboxService.Config(
                new BackOff(Duration.ofMillis(50), Duration.ofMillis(200))));
        service.run(sh("flap", "sleep 0.2; exit 1").restart("always").build());

        AtomicInteger completed = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Thread reconciler = Thread.ofPlatform().name("reconciler").start(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            try {
                while (completed.get() < RESTARTS && System.nanoTime() < deadline) {
                    List<SandboxException> failures = service.reconciler().reconcileOnce(Instant.now());
                    if (!failures.isEmpty()) {
                        problems.add("reconcile failed: " + failures);
                    }
                    // restarts completed so far: each restart is recorded before its Started event
                    long started = service.events("flap").stream().filter(e -> e.reason().equals("Started")).count();
                    completed.set((int) Math.max(completed.get(), started - 1));
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                problems.add("reconciler: " + e);
            } finally {
                done.set(true);
            }
        });

        List<ContainerDescription> seen = new ArrayList<>();
        Map<Integer, String> lastStateOfInstance = new HashMap<>();
        ContainerDescription previous = null;
        while (!done.get()) {
            int before = completed.get();
            ContainerDescription now;
            try {
                now = service.describe("flap").main();
            } catch (SandboxException e) {
                problems.add("describe failed: " + e + " after " + previous);
                continue;
            }
            seen.add(now);
            String at = " (observation " + seen.size() + ": " + brief(now) + ", before it " + brief(previous) + ")";
            if (now.restartCount() < before) {
                problems.add("stale: restart count " + now.restartCount() + " after " + before + " restarts finished" + at);
            }
            if (now.restartCount() != now.instance() - 1) {
                problems.add("restart count and instance disagree" + at);
            }
            if (now.state().equals("Running") && (now.exitCode().isPresent() || now.finishedAt().isPresent())) {
                problems.add("Running with an exit of its own instance" + at);
            }
            if (previous != null) {
                if (now.restartCount() < previous.restartCount()) {
                    problems.add("restart count went down" + at);
                }
                if (now.instance() < previous.instance()) {
                    problems.add("instance went down" + at);
                }
            }
            // an instance that was seen ended (or waiting to be replaced) never runs again
            String earlier = lastStateOfInstance.get(now.instance());
            if (now.state().equals("Running") && earlier != null && !earlier.startsWith("Running")
                    && !earlier.equals("Waiting: ContainerCreating")) {
                problems.add("instance " + now.instance() + " Running again after " + earlier + at);
            }
            lastStateOfInstance.put(now.instance(), now.stateWithReason());
            previous = now;
        }
        reconciler.join();
        service.remove("flap", true);

        assertEquals(List.of(), problems.stream().limit(20).toList());
        assertTrue(completed.get() >= RESTARTS, "only " + completed.get() + " restarts");
        assertTrue(seen.size() > 100, "only " + seen.size() + " observations");
        assertTrue(seen.stream().anyMatch(c -> c.state().equals("Running")), "never seen Running");
        assertTrue(seen.stream().anyMatch(c -> c.stateWithReason().equals("Waiting: CrashLoopBackOff")),
                "never seen in CrashLoopBackOff");
    }

    private static String brief(ContainerDescription c) {
        return c == null ? "none" : c.stateWithReason() + " instance " + c.instance() + " restarts " + c.restartCount()
                + " exit " + c.exitCode() + " last " + c.lastReason();
    }
}
