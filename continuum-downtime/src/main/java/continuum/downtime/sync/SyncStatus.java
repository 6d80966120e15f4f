package continuum.downtime.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How current the node is, for every page, the status endpoint and the reports: the
 * stored state plus the outcome of the latest attempts. The server is "lost" from the
 * first failed attempt after the last success (or, after a restart during an outage,
 * since the last moment the store was known current).
 */
@Component
public class SyncStatus {

	private final Clock clock;

	private final Instant started;

	private volatile SyncState stored = new SyncState(0, false, null, null);

	private volatile @Nullable Instant lastAttempt;

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Instant lostSince;

	private volatile @Nullable SyncProblem problem;

	private volatile @Nullable String problemMessage;

	SyncStatus(Clock clock) {
		this.clock = clock;
		this.started = clock.instant();
	}

	void stored(SyncState state) {
		this.stored = state;
	}

	void attempted() {
		lastAttempt = clock.instant();
	}

	void succeeded() {
		lastSuccess = clock.instant();
		lostSince = null;
		problem = null;
		problemMessage = null;
	}

	/**
	 * A failed attempt. The server counts as lost from here unless the node's own store
	 * failed: that attempt reached the server, and the store is what the problem names.
	 */
	void failed(SyncProblem problem, String message) {
		if (lostSince == null && problem != SyncProblem.STORE_WRITE_FAILED) {
			Instant knownCurrent = stored.currentThrough();
			lostSince = lastSuccess != null ? lastAttempt : knownCurrent != null ? knownCurrent : started;
		}
		this.problem = problem;
		this.problemMessage = message;
	}

	public SyncState stored() {
		return stored;
	}

	/**
	 * Seconds since the node last knew it had every change (since start before the first
	 * load).
	 */
	public long lagSeconds() {
		Instant through = stored.currentThrough();
		Instant reference = through != null ? through : started;
		return Math.max(0, Duration.between(reference, clock.instant()).toSeconds());
	}

	public @Nullable Instant lastAttempt() {
		return lastAttempt;
	}

	public @Nullable Instant lastSuccess() {
		return lastSuccess;
	}

	public boolean serverReachable() {
		return lastSuccess != null && lostSince == null;
	}

	public @Nullable Instant lostServerSince() {
		return lostSince;
	}

	public @Nullable SyncProblem problem() {
		return problem;
	}

	public @Nullable String problemMessage() {
		return problemMessage;
	}

}
