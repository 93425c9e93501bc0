package io.authsome.proxy.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's connection buffers, all of {@link #SIZE} bytes: taken while a connection has bytes
 * in flight and given back when it parks, so that a busy proxy does not allocate (and clear) them
 * again for every request, and a waiting connection keeps none. At most {@code kept} wait here;
 * more are left to the garbage collector. Thread-safe.
 */
final class BufferPool {
    static final int SIZE = 32 * 1024;

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int kept;

    BufferPool(int kept) {
        this.kept = kept;
    }

    /** An empty buffer of {@link #SIZE} bytes, in write mode. */
    ByteBuffer take() {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            return ByteBuffer.allocate(SIZE);
        }
        count.decrementAndGet();
        return buffer.clear();
    }

    /** Gives back a buffer no longer used; one of another size is dropped. */
    void give(ByteBuffer buffer) {
        if (buffer.capacity() == SIZE && count.incrementAndGet() <= kept) {
            free.offer(buffer);
        } else if (buffer.capacity() == SIZE) {
            count.decrementAndGet();
        }
    }
}
