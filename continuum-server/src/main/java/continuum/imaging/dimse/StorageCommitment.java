package continuum.imaging.dimse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeer;
import continuum.imaging.pacs.PacsStore;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.CommitmentFailureReason;
import org.continuum.dicom.net.service.FailedSop;
import org.continuum.dicom.net.service.ReferencedSop;
import org.continuum.dicom.net.service.StorageCommitmentRequest;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.continuum.dicom.net.service.StorageCommitmentScp;
import org.continuum.dicom.net.service.TransferSyntaxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The Storage Commitment Push Model as SCP (PS3.4 Annex J) over the PACS: an instance is
 * committed when it is indexed and its file is on disk ({@link PacsStore#holds}), which
 * C-STORE and STOW-RS only answer after the file was fsynced and the index committed. The
 * report goes back on the requestor's association while it is open; otherwise it is kept
 * ({@link CommitmentReports}) and delivered on a new association to the peer as the peers
 * table has it then (host, port, TLS), retried until it arrives. A peer that may not ask
 * for commitment is refused with 0124 before anything is decided.
 */
@Component
class StorageCommitment implements DimseService {

	private static final Logger log = LoggerFactory.getLogger(StorageCommitment.class);

	private final PacsStore store;

	private final PeerChecks checks;

	private final ObjectProvider<DicomAe> ae;

	private final CommitmentReports reports;

	StorageCommitment(PacsStore store, PeerChecks checks, ObjectProvider<DicomAe> ae, CommitmentReports reports) {
		this.store = store;
		this.checks = checks;
		this.ae = ae;
		this.reports = reports;
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.N_ACTION_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return Uid.STORAGE_COMMITMENT_PUSH_MODEL.equals(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return TransferSyntaxes.UNCOMPRESSED;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		String caller = association.callingAeTitle();
		try {
			checks.require(caller, DicomPeer.Operation.COMMIT);
		}
		catch (org.continuum.dicom.net.service.DimseException refused) {
			association.drainDataSet();
			var rsp = Commands.response(request.command(), Status.NOT_AUTHORIZED.code(), false);
			rsp.setString(Tag.ErrorComment, VR.LO, "storage commitment not permitted for this AE");
			association.send(request.contextId(), rsp, null);
			return;
		}
		DicomAe local = ae.getObject();
		new StorageCommitmentScp(local.settingsToward(caller), this::commit, this::keep).onRequest(association,
				request);
	}

	/**
	 * A report for a released association is kept and delivered in the background; if it
	 * cannot even be kept (the database is down), one attempt is made now.
	 */
	private void keep(String aeTitle, StorageCommitmentResult result) {
		try {
			reports.keep(aeTitle, result);
		}
		catch (DataAccessException | TransactionException ex) {
			log.warn("Storage commitment {} report to {} could not be kept ({}); trying it once now",
					result.transactionUid(), aeTitle, ex.getClass().getSimpleName());
			DicomAe local = ae.getObject();
			local.associationSettings().peer(aeTitle).ifPresent(peer -> {
				try {
					StorageCommitmentScp.reportOnNewAssociation(local.settingsToward(aeTitle), peer, result);
				}
				catch (IOException notDelivered) {
					log.warn("Storage commitment {} report to {} lost: {}", result.transactionUid(), aeTitle,
							notDelivered.getMessage());
				}
			});
		}
	}

	StorageCommitmentResult commit(StorageCommitmentRequest request) {
		List<ReferencedSop> committed = new ArrayList<>();
		List<FailedSop> failed = new ArrayList<>();
		for (ReferencedSop sop : request.references()) {
			if (store.holds(sop.sopInstanceUid(), sop.sopClassUid())) {
				committed.add(sop);
			}
			else {
				failed.add(new FailedSop(sop, CommitmentFailureReason.NO_SUCH_OBJECT_INSTANCE));
			}
		}
		log.info("Storage commitment {} for {}: {} committed, {} failed", request.transactionUid(),
				request.callingAeTitle(), committed.size(), failed.size());
		return new StorageCommitmentResult(request.transactionUid(), committed, failed);
	}

}
