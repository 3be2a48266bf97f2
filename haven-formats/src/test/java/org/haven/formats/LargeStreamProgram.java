package org.haven.formats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;

/**
 * Reads a generated stream of the given format and size and prints what it read and the heap it needed. Run in a
 * child JVM with a small heap by {@link BoundedMemoryTest}: if the readers buffered the stream, it would fail with
 * an {@link OutOfMemoryError} long before the end.
 */
public final class LargeStreamProgram {

    private LargeStreamProgram() {
    }

    public static void main(String[] arguments) throws IOException {
        Format format = Format.valueOf(arguments[0]);
        long size = Long.parseLong(arguments[1]);
        GeneratedRecordsInputStream input = new GeneratedRecordsInputStream(format, size);
        long records = 0;
        long valueChars = 0;
        try (RecordReader reader = RecordReaders.open(input, format)) {
            for (Optional<Record> record = reader.next(); record.isPresent(); record = reader.next()) {
                records++;
                valueChars += record.get().get(1).length();
            }
        }
        System.out.println("generated=" + input.records() + " read=" + records + " valueChars=" + valueChars
                + " peakHeapBytes=" + peakHeapBytes());
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
