package dev.custos.jobs.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the source ahead on a worker thread, in blocks of {@code blockSize}, so that downloading
 * (and whatever the source does as it is read, e.g. hashing) overlaps with the caller's work on
 * what came before. At most {@code depth} blocks wait. The source's failure is rethrown, as the
 * same exception, where the caller's reads reach it. {@link #close()} stops the worker and closes
 * the source: after the worker stopped, or, when it does not stop in time (blocked reading a
 * socket), under it, to end that read.
 */
final class PrefetchInputStream extends InputStream {

    private static final Block END = new Block(new byte[0], 0);
    /** How long a closing reader lets the worker notice before closing the source under it. */
    private static final long STOP_MILLIS = 200;

    private final InputStream source;
    private final BlockingQueue<Block> full;
    private final BlockingQueue<byte[]> free;
    private final int blockSize;
    private final Thread worker;
    private volatile boolean closed;
    private Block current;
    private int position;
    private Throwable failure;
    private boolean ended;

    PrefetchInputStream(InputStream source, int blockSize, int depth, String threadName) {
        this.source = source;
        this.full = new ArrayBlockingQueue<>(depth);
        this.free = new ArrayBlockingQueue<>(depth + 2);
        this.blockSize = blockSize;
        this.worker = new Thread(this::readBlocks, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public int read() throws IOException {
        if (!available(1)) {
            return -1;
        }
        return current.bytes[position++] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!available(length)) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current.bytes, position, bytes, offset, n);
        position += n;
        return n;
    }

    /** Makes sure the current block has bytes left; false at the end of the source. */
    private boolean available(int wanted) throws IOException {
        while (current == null || position == current.length) {
            if (ended) {
                return false;
            }
            if (current != null) {
                free.offer(current.bytes);
                current = null;
            }
            Block next;
            try {
                next = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the archive");
            }
            if (next == END) {
                ended = true;
                rethrowFailure();
                return false;
            }
            current = next;
            position = 0;
        }
        return wanted > 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        worker.interrupt();
        boolean interrupted = false;
        try {
            worker.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            source.close(); // ends a read the interrupt cannot
        } finally {
            WorkerThreads.awaitEnd(worker, interrupted);
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable failed = failure;
        if (failed == null) {
            return;
        }
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        throw new UncheckedIOException(new IOException(failed));
    }

    private void readBlocks() {
        try {
            boolean more = true;
            while (more && !closed) {
                byte[] bytes = free.poll();
                if (bytes == null) {
                    bytes = new byte[blockSize];
                }
                int filled = 0;
                try {
                    for (int n = 0; filled < bytes.length && n >= 0; ) {
                        n = source.read(bytes, filled, bytes.length - filled);
                        filled += Math.max(n, 0);
                    }
                    more = filled == bytes.length;
                } catch (Throwable e) {
                    failure = e; // published to the reader by the END block that follows
                    more = false;
                }
                if (filled > 0) {
                    full.put(new Block(bytes, filled)); // the bytes before a failure are read first
                }
            }
            full.put(END);
        } catch (InterruptedException e) {
            // closed: nobody reads on
        }
    }

    private record Block(byte[] bytes, int length) {
    }
}
