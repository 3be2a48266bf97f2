package org.haven.storage.filesystem;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;

/**
 * The fixed-size block at the start of every object file. It is written after the content, into the
 * space reserved for it, and before the file is renamed into place, so a visible object always
 * carries the size and hash of exactly the bytes that follow it.
 */
record ObjectHeader(long size, String sha256, String contentType, Instant lastModified) {

    static final int SIZE = 512;

    private static final byte[] MAGIC = "HAVENOBJ".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final int CHECKSUM_OFFSET = SIZE - Integer.BYTES;

    static ObjectHeader describing(BlobInfo info) {
        return new ObjectHeader(
                info.size(), info.sha256(), info.contentType(), info.lastModified());
    }

    BlobInfo toInfo(BlobKey key) {
        return new BlobInfo(key, size, sha256, contentType, lastModified);
    }

    /** A block that can never decode, holding the header's place until the content is written. */
    static ByteBuffer placeholder() {
        return ByteBuffer.allocate(SIZE);
    }

    ByteBuffer encode() {
        byte[] type = contentType.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer block = ByteBuffer.allocate(SIZE);
        block.put(MAGIC)
                .putInt(FORMAT_VERSION)
                .putLong(size)
                .putLong(lastModified.toEpochMilli())
                .put(HexFormat.of().parseHex(sha256))
                .putShort((short) type.length)
                .put(type);
        block.putInt(CHECKSUM_OFFSET, checksum(block.array()));
        return block.rewind();
    }

    /**
     * Reads a header back, refusing anything a crash, a truncation or a foreign file could have
     * produced.
     */
    static ObjectHeader decode(ByteBuffer block, long fileSize, BlobKey key) {
        if (block.remaining() != SIZE || fileSize < SIZE) {
            throw corrupt(key, "file shorter than its header");
        }
        byte[] bytes = new byte[SIZE];
        block.get(bytes);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(CHECKSUM_OFFSET) != checksum(bytes)) {
            throw corrupt(key, "header checksum mismatch");
        }
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        int version = in.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || version != FORMAT_VERSION) {
            throw corrupt(key, "unknown header format");
        }
        long size = in.getLong();
        Instant lastModified = Instant.ofEpochMilli(in.getLong());
        byte[] sha = new byte[32];
        in.get(sha);
        byte[] type = new byte[in.getShort()];
        in.get(type);
        if (size != fileSize - SIZE) {
            throw corrupt(
                    key, "header says %d bytes, file holds %d".formatted(size, fileSize - SIZE));
        }
        return new ObjectHeader(
                size,
                HexFormat.of().formatHex(sha),
                new String(type, StandardCharsets.US_ASCII),
                lastModified);
    }

    private static int checksum(byte[] block) {
        CRC32 crc = new CRC32();
        crc.update(block, 0, CHECKSUM_OFFSET);
        return (int) crc.getValue();
    }

    private static BlobStoreException corrupt(BlobKey key, String problem) {
        return new BlobStoreException(
                Reason.IO, "object file for %s is damaged: %s".formatted(key, problem));
    }
}
