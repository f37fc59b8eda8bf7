package dev.jstack.runtime.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A stream that hashes and counts every byte read through it, for blob digests and layer diff ids. */
final class HashingInputStream extends FilterInputStream {
    private final MessageDigest sha = Digest.sha256();
    private long count;

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            sha.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too, so skip by reading.
        byte[] buffer = new byte[8192];
        long left = n;
        while (left > 0) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            left -= read;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the rest of the stream, so that the digest covers all of it (tar padding, gzip trailers). */
    HashingInputStream drain() throws IOException {
        byte[] buffer = new byte[65536];
        while (read(buffer, 0, buffer.length) >= 0) {
            continue;
        }
        return this;
    }

    /** The digest of everything read so far. */
    Digest digest() {
        return new Digest(HexFormat.of().formatHex(sha.digest()));
    }

    long count() {
        return count;
    }
}
