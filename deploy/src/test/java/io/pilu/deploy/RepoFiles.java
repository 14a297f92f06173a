package io.pilu.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test are: the repository root and its {@code deploy/} folder. */
final class RepoFiles {

    private RepoFiles() {}

    /** The repository root: {@code -Dpilu.repo.root} (set by this module's pom), else the parent of the working dir. */
    static Path root() {
        String configured = System.getProperty("pilu.repo.root");
        Path root = configured != null
                ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException(root + " is not the Pilu repository root (no docker-compose.yml)");
        }
        return root;
    }

    static Path deploy() {
        return root().resolve("deploy");
    }

    static Path prometheus() {
        return deploy().resolve("prometheus");
    }

    static Path grafana() {
        return deploy().resolve("grafana");
    }

    static Path k8s() {
        return deploy().resolve("k8s");
    }
}
