package continuum.subscriptions;

import continuum.platform.JobLeases;
import continuum.platform.LeasedJobThread;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the subscriptions' work on one node at a time (job lease {@value #JOB}): each
 * round matches the new changes of the feed, then sends what is due.
 */
@Component
class SubscriptionJobs implements SmartLifecycle {

	static final String JOB = "fhir-subscriptions";

	private final LeasedJobThread thread;

	private final SubscriptionSettings settings;

	SubscriptionJobs(ChangeMatching matching, NotificationSending sending, JobLeases leases,
			SubscriptionSettings settings) {
		this.settings = settings;
		this.thread = new LeasedJobThread(JOB, leases, settings.pollInterval(), () -> {
			while (matching.round()) {
				// a full batch: there may be more
			}
			try {
				sending.round();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	/** One round now, on the caller's thread, where this node holds the job. */
	void runNow() {
		thread.round();
	}

	@Override
	public void start() {
		if (settings.enabled()) {
			thread.start();
		}
	}

	@Override
	public void stop() {
		thread.stop();
	}

	@Override
	public boolean isRunning() {
		return thread.isRunning();
	}

}
