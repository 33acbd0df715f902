package dev.sandpod.sandbox.doctor;

import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.net.Cni;
import dev.sandpod.net.IpCommand;
import dev.sandpod.net.NetnsManager;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.runtime.Cgroups;
import dev.sandpod.runtime.ProcessCommandRunner;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.StateDb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sandpod doctor} for one root: finds what crashed runs left on the machine that no live sandbox of this root
 * owns, and removes it. Ownership comes from the root's state.db (sandbox and container rows, pending intents) and
 * is read again before each phase, so a sandbox made meanwhile is not mistaken for a leftover. Only this root's
 * things are looked at: conmons whose exit dir is this root's, mounts under this root, cgroups under this root's
 * parent, allocations keyed by this root.
 *
 * <p>Removal goes in phases, each scanned after the one before it is done, because later ones need earlier ones
 * gone: processes (conmon, then runc containers), mounts, cgroups, network (allocations with their veths and
 * bridges, pins, leases), files (runtime files, sandbox and container directories, image-store partials).
 */
public final class Doctor {
    private final StateDb db;
    private final List<Scan> phases;

    Doctor(StateDb db, List<Scan> phases) {
        this.db = db;
        this.phases = List.copyOf(phases);
    }

    /** The host's tools: runc, iproute2 and CNI, real mounts and cgroups, the machine-wide allocation file. */
    public static Doctor onThisHost(RootLayout layout, StateDb db) {
        Mounts mounts = new LinuxMounts();
        IpCommand ip = new IpCommand();
        ProcessCommandRunner runner = new ProcessCommandRunner();
        SubnetAllocator allocator = SubnetAllocator.machineWide(ip);
        PodNetwork network = new PodNetwork(mounts, ip, Cni.debian(), allocator);
        NetnsManager netns = network.netns(layout);
        Runc runc = new Runc(RuncConmonRuntime.DEFAULT_RUNC, layout, runner);
        Path cgroupRoot = Path.of("/sys/fs/cgroup");
        return new Doctor(db, List.of(
                new ConmonScan(layout, runc),
                new RuncStateScan(runc),
                new MountScan(layout, mounts, netns.dir()),
                new CgroupScan(cgroupRoot, layout, Cgroups.detect()),
                new AllocationScan(layout, network, allocator, ip, new HostLinks(runner)),
                new PinScan(netns),
                new LeaseScan(layout),
                new FileScan(layout),
                new ImageStoreScan(layout)));
    }

    /** What {@link #fix()} would remove now; changes nothing. */
    public DoctorReport check() throws DoctorException {
        List<Finding> found = new ArrayList<>();
        for (Scan phase : phases) {
            phase.scan(Ownership.read(db)).forEach(l -> found.add(l.finding()));
        }
        return new DoctorReport(true, found, List.of(), List.of());
    }

    /** Removes every leftover, phase by phase; goes on past failures and reports each. */
    public DoctorReport fix() throws DoctorException {
        List<Finding> found = new ArrayList<>();
        List<Finding> removed = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (Scan phase : phases) {
            for (Leftover leftover : phase.scan(Ownership.read(db))) {
                found.add(leftover.finding());
                try {
                    leftover.removal().remove();
                    removed.add(leftover.finding());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.add(new Failure(leftover.finding(), "interrupted"));
                    return new DoctorReport(false, found, removed, failed);
                } catch (Exception e) {
                    failed.add(new Failure(leftover.finding(), String.valueOf(e.getMessage())));
                }
            }
        }
        return new DoctorReport(false, found, removed, failed);
    }
}
