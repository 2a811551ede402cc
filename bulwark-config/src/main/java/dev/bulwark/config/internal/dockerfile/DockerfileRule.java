package dev.bulwark.config.internal.dockerfile;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.internal.check.Violation;
import java.util.List;

/** One Dockerfile check: its description and the violations it finds in a parsed Dockerfile. */
public interface DockerfileRule {

    CheckDescriptor descriptor();

    List<Violation> check(DockerfileContext dockerfile);

    /**
     * True when the rule also makes sense on an image's history rebuilt as instructions (which has no {@code FROM},
     * stage names or build-context paths).
     */
    default boolean appliesToHistory() {
        return true;
    }
}
