package continuum.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that works through an outbox on the node holding its job lease: a
 * round every sweep interval, and one more as soon as {@link #wake()} asks (after a
 * commit that queued work; wakes asked while one is pending fold into it). A round runs
 * only where {@link JobLeases#runIfHolder} lets it; a round that throws is logged (its
 * class and message, no data) and the work waits for the next. The owner (a
 * {@code SmartLifecycle}) starts and stops it; stopping interrupts the round and waits up
 * to 10 s.
 */
public final class LeasedJobThread {

	private static final Logger log = LoggerFactory.getLogger(LeasedJobThread.class);

	private final String job;

	private final JobLeases leases;

	private final Duration sweepInterval;

	private final Runnable round;

	private final AtomicBoolean wakeQueued = new AtomicBoolean();

	private @Nullable ScheduledExecutorService thread;

	/**
	 * @param job the job lease, also the thread's name
	 * @param round the work of one round, run on the lease holder only
	 */
	public LeasedJobThread(String job, JobLeases leases, Duration sweepInterval, Runnable round) {
		this.job = job;
		this.leases = leases;
		this.sweepInterval = sweepInterval;
		this.round = round;
	}

	/** Asks for a round now. */
	public void wake() {
		ScheduledExecutorService running = thread;
		if (running != null && wakeQueued.compareAndSet(false, true)) {
			running.execute(() -> {
				wakeQueued.set(false);
				round();
			});
		}
	}

	public synchronized void start() {
		if (thread != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(work -> {
			Thread t = new Thread(work, job);
			t.setDaemon(true);
			return t;
		});
		long every = sweepInterval.toMillis();
		executor.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
		thread = executor;
	}

	public synchronized void stop() {
		ScheduledExecutorService executor = thread;
		thread = null;
		if (executor != null) {
			executor.shutdownNow();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean isRunning() {
		return thread != null;
	}

	/** One round now, on the calling thread, if this node holds the job. */
	public void round() {
		try {
			leases.runIfHolder(job, round);
		}
		catch (RuntimeException ex) {
			log.warn("Job {}: round failed; its work is tried again at the next round: {}", job,
					SafeLogging.describe(ex));
		}
	}

}
