package continuum.imaging.dimse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

import continuum.imaging.DicomPeers;
import continuum.platform.NotFoundException;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Storage commitment reports that must go on a new association (PS3.4 §J.3.3.2: the
 * requestor released its association first) are kept in the database before any attempt,
 * then delivered by {@link CommitmentReportSender} — at once, and again with backoff
 * while the requestor's AE does not answer — so a report survives a peer that is down and
 * a restart of the server. The peers page lists those not yet delivered.
 */
@Service
@EnableConfigurationProperties(CommitmentSettings.class)
public class CommitmentReports {

	/** The most reports the peers page lists. */
	static final int PAGE_LIMIT = 200;

	private final CommitmentReportStore store;

	private final CommitmentReportSender sender;

	private final DicomPeers peers;

	private final Clock clock;

	CommitmentReports(CommitmentReportStore store, CommitmentReportSender sender, DicomPeers peers, Clock clock) {
		this.store = store;
		this.sender = sender;
		this.peers = peers;
		this.clock = clock;
	}

	/** Keeps a report for {@code aeTitle}; the sender is woken once it is committed. */
	@Transactional
	public void keep(String aeTitle, StorageCommitmentResult result) {
		store.insert(aeTitle, result.transactionUid(), encode(result), result.committed().size(),
				result.failed().size(), clock.instant());
		wakeAfterCommit();
	}

	/**
	 * The reports not yet delivered, newest first (at most {@value #PAGE_LIMIT}); for the
	 * IT team and administrators.
	 */
	@Transactional(readOnly = true)
	public List<UndeliveredReport> undelivered() {
		require();
		return store.all(PAGE_LIMIT);
	}

	/** Tries a kept report again now, pending or given up. */
	@Transactional
	public void retry(long id) {
		require();
		if (!store.retryNow(id, clock.instant())) {
			throw new NotFoundException("No undelivered storage commitment report " + id);
		}
		wakeAfterCommit();
	}

	private void require() {
		if (!peers.allowed()) {
			throw new AccessDeniedException("Only the IT team and administrators see the DICOM peers");
		}
	}

	private void wakeAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				sender.wake();
			}
		});
	}

	private static byte[] encode(StorageCommitmentResult result) {
		var bytes = new ByteArrayOutputStream();
		try (var out = new DicomOutputStream(bytes)) {
			out.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			out.writeDataset(result.toEventInformation());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("a report's Event Information cannot be encoded", ex);
		}
		return bytes.toByteArray();
	}

}
