package org.haven.cli.ingest;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place on standard error. Drawn only for a person at a terminal: when output
 * goes to a file or a pipe (scripts, CI logs) it stays silent and the command prints only its result.
 */
final class ProgressLine {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final long total;
    private final boolean visible;
    private final long startedAt = System.nanoTime();
    private long done;
    private long drawnAt;

    ProgressLine(PrintWriter err, long total, boolean visible) {
        this.err = err;
        this.total = total;
        this.visible = visible;
    }

    /** Whether standard error is likely a terminal; Java 17 can only tell that of the console as a whole. */
    static boolean terminal() {
        return System.console() != null;
    }

    synchronized void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (visible && now - drawnAt >= REDRAW_NANOS) {
            drawnAt = now;
            draw(now);
        }
    }

    /** Sets the count back, when a part is sent again. */
    synchronized void rewind(long bytes) {
        done = Math.max(0, done - bytes);
    }

    synchronized void finish() {
        if (visible) {
            draw(System.nanoTime());
            err.println();
            err.flush();
        }
    }

    private void draw(long now) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max((now - startedAt) / 1e9, 0.001);
        err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %s / %s  %s/s ", "=".repeat(filled), " ".repeat(WIDTH - filled),
                Math.round(fraction * 100), size(done), size(total), size((long) (done / seconds))));
        err.flush();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
