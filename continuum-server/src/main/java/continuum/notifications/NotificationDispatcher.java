package continuum.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs {@link OutboxWorker#drain} on a small pool of its own: woken right after a
 * transaction that enqueued messages commits, when a retry it scheduled falls due, and
 * every poll interval (retries scheduled elsewhere, expired leases). Starts once the
 * application is ready and stops with it; a send cut short by the stop leaves its row to
 * be claimed again when the lease expires.
 * <p>
 * Runs on every server node, and needs no job lease ({@code platform.JobLeases}): each
 * message is claimed by one node at a time ({@link OutboxWorker}), so more nodes send
 * more messages at once, and the messages a dead node had claimed go out from another
 * node once their claim expires. The claims compare times of the nodes' own clocks: the
 * nodes' clocks must agree (NTP) to well within half the claim
 * ({@code continuum.notifications.lease}).
 */
@Component
class NotificationDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

	private final OutboxWorker worker;

	private final NotificationsSettings settings;

	private final Clock clock;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicBoolean again = new AtomicBoolean();

	private volatile boolean running;

	/**
	 * Whether the application has been ready once: from then on a lifecycle start starts
	 * us.
	 */
	private volatile boolean ready;

	private ScheduledExecutorService poller;

	private ExecutorService workers;

	NotificationDispatcher(OutboxWorker worker, NotificationsSettings settings, Clock clock) {
		this.worker = worker;
		this.settings = settings;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		ready = true;
		begin();
	}

	private void begin() {
		if (!settings.enabled()) {
			log.info("Notification dispatcher disabled (continuum.notifications.enabled=false)");
			return;
		}
		synchronized (this) {
			if (running) {
				return;
			}
			AtomicInteger threads = new AtomicInteger();
			workers = Executors.newFixedThreadPool(settings.workers(), runnable -> {
				Thread thread = new Thread(runnable, "notifications-" + threads.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "notifications-poll");
				thread.setDaemon(true);
				return thread;
			});
			running = true;
			long interval = settings.pollInterval().toMillis();
			poller.scheduleWithFixedDelay(this::wake, 0, interval, TimeUnit.MILLISECONDS);
		}
		log.info("Notification dispatcher started: {} workers, poll every {}", settings.workers(),
				settings.pollInterval());
	}

	/**
	 * Makes sure the outbox is looked at soon: starts a worker if one is free, else tells
	 * a busy one to look again before it stops.
	 */
	void wake() {
		if (!running) {
			return;
		}
		again.set(true);
		int current;
		do {
			current = active.get();
			if (current >= settings.workers()) {
				return;
			}
		}
		while (!active.compareAndSet(current, current + 1));
		try {
			workers.execute(this::drain);
		}
		catch (java.util.concurrent.RejectedExecutionException stopping) {
			active.decrementAndGet();
		}
	}

	/**
	 * Wakes the workers when a retry falls due (polling would be up to an interval late).
	 */
	private void wakeAt(Instant due) {
		// Rounded up and a little late rather than early: an early wake finds nothing
		// due.
		long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis() + 2);
		try {
			poller.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException stopping) {
			// stopped: the retry is picked up by whichever node polls next
		}
	}

	private void drain() {
		try {
			do {
				again.set(false);
				worker.drain(this::wakeAt);
			}
			while (again.get() && running);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// The database may be away for a while; the next poll tries again.
			log.warn("Notification dispatch stopped by {}; next try at the next poll", ex.getClass().getName());
		}
		finally {
			active.decrementAndGet();
		}
	}

	/**
	 * Starts again after a {@link #stop()} (a context stopped and started, as the test
	 * framework does to a cached context it pauses); the first start waits for the
	 * application to be ready ({@link #onReady()}).
	 */
	@Override
	public void start() {
		if (ready) {
			begin();
		}
	}

	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false;
		poller.shutdownNow();
		workers.shutdown();
		try {
			if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
				workers.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			workers.shutdownNow();
			Thread.currentThread().interrupt();
		}
		log.info("Notification dispatcher stopped");
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
