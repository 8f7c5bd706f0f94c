package piot.gateway.holding;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that writes to the database. Writes queued within the group-commit window of the
 * first one share a transaction (one fsync); their futures complete only after COMMIT returned, so
 * a completed future means durable. Each write runs in its own savepoint, so a write that fails for
 * its own reasons fails alone; a storage fault (disk full, read-only, corrupt, I/O) rolls back and
 * fails the whole batch. A write submitted as urgent ends the window early: the batch then takes
 * what is already queued and commits at once (commit on demand).
 */
final class GroupCommitWriter implements AutoCloseable {
    /** One unit of work on the write connection, run inside the batch transaction. */
    @FunctionalInterface
    interface Write<T> {
        T run(Connection c) throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
    private static final int MAX_BATCH = 2048;

    private final Connection connection; // owned by the writer thread once started
    private final Path file;
    private final long windowNanos;
    private final LinkedBlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Health health = new Health.Ok();

    GroupCommitWriter(Connection connection, Path file, Duration window) {
        this.connection = connection;
        this.file = file;
        this.windowNanos = window.toNanos();
        this.thread = Thread.ofPlatform().name("piot-holding-writer").daemon(true).unstarted(this::loop);
        thread.start();
    }

    <T> CompletableFuture<T> submit(Write<T> write) {
        return submit(write, false);
    }

    <T> CompletableFuture<T> submit(Write<T> write, boolean urgent) {
        Task<T> task = new Task<>(write, urgent);
        if (!running) {
            task.future.completeExceptionally(closed());
            return task.future;
        }
        queue.add(task);
        if (!running && queue.remove(task)) {
            task.future.completeExceptionally(closed());
        }
        return task.future;
    }

    Health health() {
        return health;
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        try {
            while (running || !queue.isEmpty()) {
                Task<?> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                runBatch(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "holding writer died; failing queued writes", e);
            failAll(batch, new HoldingException(HoldingException.Fault.OTHER, "holding writer died on " + file, e));
            throw e;
        } finally {
            List<Task<?>> left = new ArrayList<>();
            queue.drainTo(left);
            failAll(left, closed());
        }
    }

    private void gather(List<Task<?>> batch) throws InterruptedException {
        if (windowNanos == 0) {
            return; // no group commit: each write is its own transaction
        }
        long deadline = System.nanoTime() + windowNanos;
        boolean urgent = batch.getFirst().urgent;
        while (batch.size() < MAX_BATCH) {
            long remaining = urgent ? 0 : deadline - System.nanoTime();
            Task<?> next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return;
            }
            batch.add(next);
            urgent |= next.urgent;
        }
    }

    private void runBatch(List<Task<?>> batch) {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            for (Task<?> task : batch) {
                s.execute("SAVEPOINT w");
                try {
                    task.run(connection);
                    s.execute("RELEASE w");
                } catch (SQLException e) {
                    if (HoldingException.isStorageFault(e)) {
                        throw e;
                    }
                    s.execute("ROLLBACK TO w");
                    s.execute("RELEASE w");
                    task.failure = HoldingException.from(e, file, "a holding write");
                } catch (RuntimeException e) {
                    s.execute("ROLLBACK TO w");
                    s.execute("RELEASE w");
                    task.failure = e;
                }
            }
            s.execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            HoldingException fault = HoldingException.from(e, file, "committing " + batch.size() + " holding write(s)");
            health = new Health.Degraded(fault.fault(), fault.getMessage());
            LOG.log(System.Logger.Level.ERROR, fault.getMessage(), e);
            failAll(batch, fault);
            return;
        }
        health = new Health.Ok();
        for (Task<?> task : batch) {
            task.complete();
        }
    }

    private void rollbackQuietly() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled the transaction back itself (e.g. after SQLITE_FULL).
            LOG.log(System.Logger.Level.DEBUG, "rollback after a failed batch: " + e.getMessage());
        }
    }

    private static void failAll(List<Task<?>> tasks, Throwable cause) {
        for (Task<?> t : tasks) {
            t.future.completeExceptionally(cause);
        }
    }

    private HoldingException closed() {
        return new HoldingException(HoldingException.Fault.CLOSED, "the node store " + file + " is closed", null);
    }

    /** Stops taking writes, commits what is queued, and waits for the thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Task<T> {
        final Write<T> write;
        final boolean urgent;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Throwable failure;

        Task(Write<T> write, boolean urgent) {
            this.write = write;
            this.urgent = urgent;
        }

        void run(Connection c) throws SQLException {
            result = write.run(c);
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
