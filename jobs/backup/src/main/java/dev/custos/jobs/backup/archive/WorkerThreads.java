package dev.custos.jobs.backup.archive;

/** What the pipeline streams ({@link HandoffOutputStream}, {@link PrefetchInputStream}) share about their worker. */
final class WorkerThreads {

    private WorkerThreads() {
    }

    /**
     * Waits until {@code worker} has ended, however often the calling thread is interrupted meanwhile,
     * then restores the caller's interrupt status if it was interrupted ({@code interrupted}: before).
     */
    static void awaitEnd(Thread worker, boolean interrupted) {
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
