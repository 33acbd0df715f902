/**
 * The sandbox controller. Entry point: {@link dev.sandpod.sandbox.SandboxService} (run, list, describe, logs, stop,
 * remove, events) and its {@link dev.sandpod.sandbox.Reconciler}, which the daemon calls on a timer.
 *
 * <p>State: tables sandboxes, services, containers, events and intents in state.db (migration step 2), and
 * image_users rows while a sandbox uses an image. Files: {@code ROOT/sandboxes/ID/pods/SERVICE/} holds the pod's
 * hosts, resolv.conf and hostname (written once, bind-mounted writable); {@code ROOT/sandboxes/ID/containers/CID/}
 * is the runtime's (bundle, upper dir, logs).
 *
 * <p>Crash safety: every outside object (pod network, pod files, container) is logged in the {@link
 * dev.sandpod.sandbox.IntentLog} before it is made and finished in the transaction that records it; opening the
 * service runs recovery; the desired state (RUNNING, STOPPED, REMOVING) is written before acting, so the next
 * reconcile pass finishes what a crash interrupted. Recovery and reconcile never kill a running container.
 *
 * <p>Debug containers ({@link dev.sandpod.sandbox.SandboxDebug}) are containers rows of kind {@code debug} with
 * restart policy never: made like the main container (intent-logged, own cgroup, log and upper dir), in the pod's
 * netns and the target's PID namespace; the reconciler only records their exit, and forgets one a crash left never
 * started. {@link dev.sandpod.sandbox.SandboxUpdate} writes new limits to the main container's cgroup files and its
 * stored spec; the devices controller is never touched.
 */
package dev.sandpod.sandbox;
