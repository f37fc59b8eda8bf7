package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jstack.runtime.BundleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * This host mounts the cgroup v1 controllers, so the limits are proven on cgroup v2 in a VM whose kernel mounts
 * only cgroup2: the real ./jstack and runc run there on the host's root (see {@link V2Machine}).
 */
@Scenario
@DisplayName("cgroup v2: mem_limit, cpus and pids_limit reach the kernel's files of the container's cgroup")
class CgroupV2Test {
    private static final String CONTAINER = "e2e-cgroup-v2-limits-1";
    private static V2Machine.Findings vm;

    @BeforeAll
    static void boot() {
        vm = V2Machine.boot();
    }

    @Test
    @DisplayName("the VM holds a pure cgroup v2 hierarchy: /sys/fs/cgroup is cgroup2fs and no v1 hierarchy is mounted")
    void pureV2() {
        assertEquals("cgroup2fs", vm.get("cgroupfs"), vm::console);
        assertEquals("0", vm.get("v1_hierarchies"), vm::console);
    }

    @Test
    @DisplayName("up -d starts the container in its own cgroup, named after its id")
    void upStartsTheContainerInItsCgroup() {
        assertEquals("0", vm.get("up_exit"), vm::console);
        assertEquals(BundleWriter.cgroupsPath(CONTAINER), vm.get("cgroup"), vm::console);
    }

    @Test
    @DisplayName("mem_limit: 48m is memory.max 50331648")
    void memoryLimit() {
        assertEquals(String.valueOf(48L * 1024 * 1024), vm.get("memory.max"), vm::console);
    }

    @Test
    @DisplayName("cpus: 0.25 is cpu.max \"25000 100000\", a quarter of each 100ms period")
    void cpuLimit() {
        assertEquals("25000 100000", vm.get("cpu.max"), vm::console);
    }

    @Test
    @DisplayName("pids_limit: 33 is pids.max 33")
    void pidsLimit() {
        assertEquals("33", vm.get("pids.max"), vm::console);
    }

    @Test
    @DisplayName("ps reads the container as running with its pid, and as paused while its cgroup is frozen")
    void psSeesRunningAndPaused() {
        assertEquals("running", vm.get("ps_state"), vm::console);
        assertEquals(vm.get("pid"), vm.get("ps_pid"), vm::console);
        assertEquals("paused", vm.get("ps_state_paused"), vm::console);
    }

    @Test
    @DisplayName("down succeeds, the container's cgroup directory is gone and no cgroup names the project")
    void downRemovesTheCgroup() {
        assertEquals("0", vm.get("down_exit"), vm::console);
        assertEquals("gone", vm.get("cgroup_after_down"), vm::console);
        assertEquals("0", vm.get("project_cgroups_after_down"), vm::console);
    }

    @Test
    @DisplayName("--runtime crun (JSTACK_RUNTIME=crun): the same limits reach the kernel, ps sees it, down removes it")
    void crun() {
        assertNotEquals("missing", vm.values().get("crun"),
                "the crun round needs crun on this host: apt-get install -y --no-install-recommends crun");
        assertEquals("0", vm.get("crun_up_exit"), vm::console);
        assertEquals(String.valueOf(48L * 1024 * 1024), vm.get("crun_memory.max"), vm::console);
        assertEquals("25000 100000", vm.get("crun_cpu.max"), vm::console);
        assertEquals("33", vm.get("crun_pids.max"), vm::console);
        assertEquals("running", vm.get("crun_ps_state"), vm::console);
        assertEquals(vm.get("crun_pid"), vm.get("crun_ps_pid"), vm::console);
        assertEquals("0", vm.get("crun_down_exit"), vm::console);
        assertEquals("gone", vm.get("crun_cgroup_after_down"), vm::console);
        assertEquals("0", vm.get("crun_state_after_down"), vm::console);
    }
}
