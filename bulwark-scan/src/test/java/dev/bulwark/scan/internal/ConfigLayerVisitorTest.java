package dev.bulwark.scan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigLayerVisitorTest {

    @Test
    void readsDockerfilesAndManifestsButNotPackageDataOrJson() {
        assertThat(ConfigLayerVisitor.accepts("/app/Dockerfile", 100)).isTrue();
        assertThat(ConfigLayerVisitor.accepts("/etc/kubernetes/manifests/kube-apiserver.yaml", 3000)).isTrue();
        assertThat(ConfigLayerVisitor.accepts("/srv/deploy/app.yml", 100)).isTrue();
        assertThat(ConfigLayerVisitor.accepts("/app/node_modules/x/.travis.yml", 100)).isFalse();
        assertThat(ConfigLayerVisitor.accepts("/usr/lib/python3/dist-packages/a.yaml", 100)).isFalse();
        assertThat(ConfigLayerVisitor.accepts("/app/package.json", 100)).as("JSON in images is data").isFalse();
        assertThat(ConfigLayerVisitor.accepts("/app/huge.yaml", 2L << 20)).as("over 1 MiB").isFalse();
        assertThat(ConfigLayerVisitor.accepts("/app/readme.md", 10)).isFalse();
    }
}
