package dev.bulwark.core;

/**
 * Receives progress of long work (layers read, advisories imported) so that the CLI can draw a progress bar on a
 * terminal and stay quiet otherwise. Passed in, never global; implementations must be thread-safe because layers
 * may be read in parallel.
 */
public interface Progress {

    /** A progress sink that ignores everything. */
    Progress NONE = (label, total) -> Task.NONE;

    /**
     * Starts a task.
     *
     * @param label what is being done, e.g. {@code layer 2/4 sha256:ab12...}
     * @param total the amount of work in the unit of {@link Task#advance} (usually bytes), or {@code -1} if unknown
     */
    Task start(String label, long total);

    /** One unit of work in progress; close it when done. */
    interface Task extends AutoCloseable {

        Task NONE = new Task() {
            @Override
            public void advance(long amount) {
            }

            @Override
            public void close() {
            }
        };

        void advance(long amount);

        @Override
        void close();
    }
}
