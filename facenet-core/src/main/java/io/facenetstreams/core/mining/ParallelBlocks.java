package io.facenetstreams.core.mining;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Runs numbered tasks on the calling thread plus up to {@code parallelism - 1} helpers; each thread claims the next
 * task number, so the work splits dynamically, while what a task computes depends only on its number (results are
 * the same for any thread count or timing). The caller always works too, so a busy executor only slows it down.
 */
final class ParallelBlocks {

    private ParallelBlocks() {
    }

    static <W> void run(int tasks, int parallelism, Executor executor, Supplier<W> workerState, ObjIntConsumer<W> task) {
        if (tasks <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            W state = null;
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    if (failure.get() == null) {
                        if (state == null) {
                            state = workerState.get();
                        }
                        task.accept(state, t);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(parallelism, tasks) - 1;
        for (int i = 0; i < helpers; i++) {
            try {
                executor.execute(loop);
            } catch (RejectedExecutionException e) {
                break; // the caller does the rest
            }
        }
        loop.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the claimed tasks end soon; keep the flag for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }
}
