package org.haven.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a fixed window of an open object file, so a ranged read never strays into the header or
 * past the range.
 */
final class RangeInputStream extends InputStream {

    private final FileChannel channel;
    private long position;
    private final long end;

    RangeInputStream(FileChannel channel, long position, long length) {
        this.channel = channel;
        this.position = position;
        this.end = position + length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        int n = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (n < 0) {
            throw new IOException("object file ended before its recorded size");
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
