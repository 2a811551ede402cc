package dev.bulwark.cli;

import dev.bulwark.core.Progress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one progress line on a terminal's standard error, redrawn in place: the task most recently started, its
 * percentage and bytes, and how many other tasks are running. Only used when standard error is a terminal and
 * neither {@code --quiet} nor a machine-readable format on standard output asks for silence.
 */
final class TerminalProgress implements Progress {

    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintWriter err;
    private final List<TerminalTask> running = new ArrayList<>();
    private long lastDraw;
    private int lastWidth;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized Task start(String label, long total) {
        TerminalTask task = new TerminalTask(label, total);
        running.add(task);
        draw(true);
        return task;
    }

    private synchronized void advanced() {
        draw(false);
    }

    private synchronized void finished(TerminalTask task) {
        running.remove(task);
        if (running.isEmpty()) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        } else {
            draw(true);
        }
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        if (running.isEmpty()) {
            return;
        }
        TerminalTask task = running.getLast();
        String line = task.render() + (running.size() > 1 ? "  (+" + (running.size() - 1) + " more)" : "");
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }

    static String bar(double fraction, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    private final class TerminalTask implements Task {
        private final String label;
        private final long total;
        private long done;

        TerminalTask(String label, long total) {
            this.label = label;
            this.total = total;
        }

        String render() {
            long current;
            synchronized (TerminalProgress.this) {
                current = done;
            }
            if (total > 0) {
                double fraction = (double) current / total;
                return String.format("%s %s %3d%% %s/%s", label, bar(fraction, 24), (int) (fraction * 100),
                        bytes(current), bytes(total));
            }
            return label + " " + bytes(current);
        }

        @Override
        public void advance(long amount) {
            synchronized (TerminalProgress.this) {
                done += amount;
            }
            advanced();
        }

        @Override
        public void close() {
            finished(this);
        }
    }
}
