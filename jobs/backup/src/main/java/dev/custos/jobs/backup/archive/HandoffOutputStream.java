package dev.custos.jobs.backup.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands what is written to a worker thread that writes it on to the target, so that producing
 * the bytes (reading sources) and consuming them (compressing, encrypting, uploading) overlap on
 * two cores. Bytes are gathered into blocks; at most {@code depth} full blocks wait, so memory is
 * bounded by {@code (depth + 2) * blockSize}. {@link #flush()} does nothing: the target receives
 * the last block at {@link #close()}, which waits until the worker has written everything.
 *
 * <p>A failure of the worker is rethrown, as the same exception, by the next write or the close
 * (so a store failure stays a {@code BlobStoreException}). After a failure of the writing side,
 * {@link #cancel()} stops the worker; the target is then left to the caller, untouched.
 */
final class HandoffOutputStream extends OutputStream {

    private static final Block END = new Block(new byte[0], 0);
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<Block> full;
    private final BlockingQueue<byte[]> free;
    private final int blockSize;
    private final Thread worker;
    private volatile Throwable failure;
    private byte[] block;
    private int filled;
    private boolean closed;

    HandoffOutputStream(OutputStream target, int blockSize, int depth, String threadName) {
        this.full = new ArrayBlockingQueue<>(depth + 1); // + END
        this.free = new ArrayBlockingQueue<>(depth + 2);
        this.blockSize = blockSize;
        this.block = new byte[blockSize];
        this.worker = new Thread(() -> writeBlocks(target), threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == block.length) {
            handOff();
        }
        block[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == block.length) {
                handOff();
            }
            int copied = Math.min(length, block.length - filled);
            System.arraycopy(bytes, offset, block, filled, copied);
            filled += copied;
            offset += copied;
            length -= copied;
        }
    }

    @Override
    public void flush() {
        // the blocks go on when full or at close; passing on partial ones would only cost
    }

    /** Hands over the last block and waits until the worker has written all to the target. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (filled > 0) {
            handOff();
        }
        put(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new InterruptedIOException("interrupted while the archive was being written");
        }
        rethrowFailure();
    }

    /** Stops the worker without writing what is left, and waits until it no longer touches the target. */
    void cancel() {
        closed = true;
        worker.interrupt();
        WorkerThreads.awaitEnd(worker, false);
    }

    private void handOff() throws IOException {
        put(new Block(block, filled));
        byte[] recycled = free.poll();
        block = recycled != null ? recycled : new byte[blockSize];
        filled = 0;
    }

    private void put(Block handed) throws IOException {
        rethrowFailure();
        try {
            while (!full.offer(handed, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the archive was being written");
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable failed = failure;
        if (failed == null) {
            return;
        }
        closed = true;
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

    private void writeBlocks(OutputStream target) {
        try {
            for (Block next = full.take(); next != END; next = full.take()) {
                target.write(next.bytes, 0, next.length);
                free.offer(next.bytes);
            }
        } catch (InterruptedException e) {
            // cancelled: the writing side failed and discards the target
        } catch (Throwable e) {
            failure = e;
        }
    }

    private record Block(byte[] bytes, int length) {
    }
}
