package dev.bulwark.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.runtime.scap.CaptureInfo;
import dev.bulwark.runtime.state.CgroupContainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcfsTest {

    private static final String ID = "3f4e2d1c0b9a88776655443322110ffeeddccbbaa9988776655443322110aabb";

    @Test
    void readsThisJvmFromItsOwnProcEntry() throws IOException {
        ProcessHandle self = ProcessHandle.current();
        CaptureInfo.ThreadRecord r = new Procfs(Path.of("/proc")).read(self.pid());
        assertThat(r).isNotNull();
        assertThat(r.pid()).isEqualTo(self.pid());
        assertThat(r.exepath()).isEqualTo(Path.of(self.info().command().orElseThrow()).toRealPath().toString());
        assertThat(r.ptid()).isEqualTo(self.parent().orElseThrow().pid());
        assertThat(Path.of(r.cwd())).isEqualTo(Path.of(System.getProperty("user.dir")).toRealPath());
        assertThat(r.uid()).isEqualTo(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue());
        assertThat(r.comm()).isEqualTo("java");
        assertThat(r.args()).contains(self.info().arguments().orElseThrow()[0]);
        assertThat(r.env()).anySatisfy(e -> assertThat(e).startsWith("PATH="));
        assertThat(r.cgroups()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("="));
    }

    @Test
    void aProcessThatDoesNotExistReadsAsNull() {
        assertThat(new Procfs(Path.of("/proc")).read(Integer.MAX_VALUE)).isNull();
    }

    @Test
    void cgroupLinesBecomeSubsystemPathPairsThatNameTheContainer() {
        List<String> v1 = Procfs.cgroups("12:memory:/docker/" + ID + "\n11:cpu,cpuacct:/docker/" + ID + "\n");
        assertThat(v1).containsExactly("memory=/docker/" + ID, "cpu=/docker/" + ID, "cpuacct=/docker/" + ID);
        assertThat(CgroupContainers.find(v1)).isEqualTo(new CgroupContainers.Match("docker", ID));
        assertThat(CgroupContainers.find(Procfs.cgroups("0::/system.slice/docker-" + ID + ".scope\n")))
                .isEqualTo(new CgroupContainers.Match("docker", ID));
        assertThat(CgroupContainers.find(Procfs.cgroups(
                "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1.slice/cri-containerd-" + ID
                        + ".scope\n"))).isEqualTo(new CgroupContainers.Match("containerd", ID));
        assertThat(CgroupContainers.find(Procfs.cgroups("0::/kubepods.slice/crio-" + ID + ".scope\n")))
                .isEqualTo(new CgroupContainers.Match("cri-o", ID));
        assertThat(CgroupContainers.find(Procfs.cgroups("0::/user.slice/user-1000.slice/libpod-" + ID + ".scope\n")))
                .isEqualTo(new CgroupContainers.Match("podman", ID));
        assertThat(CgroupContainers.find(Procfs.cgroups("0::/user.slice/user-1000.slice/session-3.scope\n")))
                .isNull();
        assertThat(CgroupContainers.find(v1).shortId()).isEqualTo(ID.substring(0, 12));
    }

    @Test
    void statLineWithSpacesAndParenthesesInTheCommandNameParses() {
        Procfs.Stat s = Procfs.Stat.parse("4242 (my (odd) name) S 17 4242 4242 34816 4242 4194560 1 0 0 0");
        assertThat(s).isEqualTo(new Procfs.Stat("my (odd) name", 17, 4242, 4242, 34816));
    }

    @Test
    void hostAccountsNameRoot() {
        Accounts accounts = Accounts.read(Path.of("/"));
        assertThat(accounts.users().get(0L)[0]).isEqualTo("root");
        assertThat(accounts.groups().get(0L)).isEqualTo("root");
    }
}
