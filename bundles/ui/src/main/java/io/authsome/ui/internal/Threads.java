package io.authsome.ui.internal;

import java.util.concurrent.ThreadFactory;

/** The dashboard's threads: named, and daemon threads, so that none keeps the JVM alive. */
final class Threads {
    private Threads() {
    }

    /** Makes threads called {@code name}, for an executor. */
    static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts {@code task} on a new thread called {@code name}. */
    static void start(String name, Runnable task) {
        named(name).newThread(task).start();
    }
}
