package continuum.imaging.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import continuum.imaging.DicomAe;
import continuum.platform.JobLeases;
import continuum.platform.LeasedJobThread;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.RemoteAe;
import org.continuum.dicom.net.service.DimseException;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.continuum.dicom.net.service.StorageCommitmentScp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the kept storage commitment reports on one node at a time (job lease
 * {@value #JOB}), each on a new association to its requestor as the peers table has it
 * now (host, port, TLS), in the SCP role (PS3.4 §J.3.3.2). A Success answer deletes the
 * report; no association, a refusal or another status records the error and retries after
 * an exponential backoff until {@code give-up-after} has passed since the request, then
 * marks it failed (kept, shown on the peers page). Woken after each report is kept, and
 * sweeps every {@code continuum.dicom.commitment.sweep-interval}; the shape of the HL7
 * outbound sender. Not started by operator commands.
 */
@Component
class CommitmentReportSender implements SmartLifecycle {

	static final String JOB = "dicom-commitment-reports";

	private static final Logger log = LoggerFactory.getLogger(CommitmentReportSender.class);

	private static final int BATCH = 50;

	private final CommitmentReportStore store;

	private final CommitmentSettings settings;

	private final ObjectProvider<DicomAe> ae;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final boolean enabled;

	private final LeasedJobThread thread;

	CommitmentReportSender(CommitmentReportStore store, CommitmentSettings settings, ObjectProvider<DicomAe> ae,
			JobLeases leases, Clock clock, PlatformTransactionManager transactions,
			@Value("${continuum.command:}") String command) {
		this.store = store;
		this.settings = settings;
		this.ae = ae;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.enabled = command.isEmpty();
		this.thread = new LeasedJobThread(JOB, leases, settings.sweepInterval(), this::deliverDue);
	}

	/** Asks for a delivery round now (after a report was kept or made due). */
	void wake() {
		thread.wake();
	}

	@Override
	public void start() {
		if (enabled) {
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

	private void deliverDue() {
		DicomAe local = ae.getIfAvailable();
		if (local == null) {
			return;
		}
		List<CommitmentReportStore.Kept> due = store.due(clock.instant(), BATCH);
		for (CommitmentReportStore.Kept report : due) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			deliver(local, report);
		}
	}

	private void deliver(DicomAe local, CommitmentReportStore.Kept report) {
		RemoteAe peer = local.associationSettings().peer(report.aeTitle()).orElse(null);
		if (peer == null) {
			failed(report, "unknown-peer: " + report.aeTitle() + " is not in the peers table");
			return;
		}
		int status;
		try {
			status = StorageCommitmentScp
				.reportOnNewAssociation(local.settingsToward(report.aeTitle()), peer, result(report))
				.status();
		}
		catch (IOException | RuntimeException ex) {
			failed(report, "association-failed: " + peer.host() + ":" + peer.port() + ": " + ex.getMessage());
			return;
		}
		if (status != 0) {
			failed(report, "report-refused: the peer answered the N-EVENT-REPORT with status 0x"
					+ Integer.toHexString(status));
			return;
		}
		transaction.executeWithoutResult(tx -> store.delivered(report.id()));
		log.info("Storage commitment {} reported to {} on a new association (attempt {})", report.transactionUid(),
				report.aeTitle(), report.attempts() + 1);
	}

	private void failed(CommitmentReportStore.Kept report, String error) {
		Instant now = clock.instant();
		boolean expired = now.isAfter(report.createdAt().plus(settings.giveUpAfter()));
		Instant retryAt = expired ? null : now.plus(backoff(report.attempts() + 1));
		transaction.executeWithoutResult(tx -> store.attemptFailed(report.id(), error, retryAt, now));
		if (expired) {
			log.warn("Storage commitment {} report to {} given up after {} attempts: {}", report.transactionUid(),
					report.aeTitle(), report.attempts() + 1, error);
		}
		else {
			log.info("Storage commitment {} report to {} not delivered (attempt {}): {}; retry at {}",
					report.transactionUid(), report.aeTitle(), report.attempts() + 1, error, retryAt);
		}
	}

	/**
	 * Base doubled per attempt, capped, half of it random so that reports to one peer
	 * spread out.
	 */
	Duration backoff(int attempts) {
		long base = settings.backoffBase().toMillis();
		long cap = settings.backoffMax().toMillis();
		long exponential = attempts >= 31 ? cap : Math.min(cap, base << Math.max(0, attempts - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	private static StorageCommitmentResult result(CommitmentReportStore.Kept report) throws IOException {
		try {
			return StorageCommitmentResult.fromEventInformation(
					DicomInputStream
						.forDataset(new ByteArrayInputStream(report.eventInformation()),
								TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
						.readDataset());
		}
		catch (DimseException ex) {
			throw new IOException("kept report " + report.id() + " cannot be read: " + ex.getMessage(), ex);
		}
	}

}
