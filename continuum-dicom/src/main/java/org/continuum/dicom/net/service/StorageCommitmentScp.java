package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.NResponse;
import org.continuum.dicom.net.RemoteAe;
import org.continuum.dicom.net.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage Commitment Push Model SOP Class as SCP (PS3.4 §J.3): answers a Request Storage
 * Commitment N-ACTION at once, asks the {@link StorageCommitmentHandler} which referenced
 * instances it holds, and reports with N-EVENT-REPORT (§J.3.3) — on the same association
 * while the requestor keeps it open, otherwise on a new association to the requesting AE
 * (looked up in {@link AssociationSettings#knownPeers()}), proposing the SCP role by
 * SCP/SCU Role Selection (PS3.7 §D.3.3.4, PS3.4 §J.3.3.2).
 */
public final class StorageCommitmentScp implements DimseService {

	private static final Logger LOG = LoggerFactory.getLogger(StorageCommitmentScp.class);

	private static final String SC = Uid.STORAGE_COMMITMENT_PUSH_MODEL;

	private final AssociationSettings settings;

	private final StorageCommitmentHandler handler;

	private final StorageCommitmentReportDelivery delivery;

	/**
	 * Reports that must go on a new association are sent at once; one that cannot be
	 * delivered is logged (the requestor may ask again with the same Transaction UID).
	 * @param settings this AE's settings: its title, the known peers a report may be sent
	 * to, timeouts and TLS for that association
	 */
	public StorageCommitmentScp(AssociationSettings settings, StorageCommitmentHandler handler) {
		this.settings = settings;
		this.handler = handler;
		this.delivery = this::reportOnNewAssociationOrLog;
	}

	/**
	 * Reports that must go on a new association are handed to {@code delivery}.
	 * @param settings this AE's settings: its title and timeouts
	 */
	public StorageCommitmentScp(AssociationSettings settings, StorageCommitmentHandler handler,
			StorageCommitmentReportDelivery delivery) {
		this.settings = settings;
		this.handler = handler;
		this.delivery = delivery;
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.N_ACTION_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return SC.equals(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return TransferSyntaxes.UNCOMPRESSED;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		StorageCommitmentRequest commitment;
		try {
			commitment = check(association.callingAeTitle(), request);
		}
		catch (DimseException e) {
			NResponder.failure(association, request, e);
			return;
		}
		NResponder.success(association, request, null);
		LOG.info("storage commitment {} of {} instances requested by {}", commitment.transactionUid(),
				commitment.references().size(), commitment.callingAeTitle());
		report(association, decide(commitment));
	}

	static StorageCommitmentRequest check(String callingAeTitle, DimseMessage request)
			throws IOException, DimseException {
		if (!SC.equals(request.requestedSopClassUid())) {
			throw new DimseException(Status.NO_SUCH_SOP_CLASS, "not the Storage Commitment Push Model SOP class");
		}
		if (!Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE.equals(request.requestedSopInstanceUid())) {
			throw new DimseException(Status.NO_SUCH_SOP_INSTANCE,
					"the Requested SOP Instance must be the well-known 1.2.840.10008.1.20.1.1");
		}
		if (request.typeId() != StorageCommitmentRequest.ACTION_TYPE_ID) {
			throw new DimseException(Status.NO_SUCH_ACTION_TYPE, "no action type " + request.typeId());
		}
		Attributes info = NResponder.dataSet(request);
		String tx = info.getString(Tag.TransactionUID);
		if (tx == null) {
			throw new DimseException(Status.INVALID_ARGUMENT_VALUE, "no Transaction UID");
		}
		List<ReferencedSop> refs = new ArrayList<>();
		for (Attributes item : StorageCommitmentResult.items(info, Tag.ReferencedSOPSequence)) {
			ReferencedSop sop = StorageCommitmentResult.referenced(item);
			if (sop.sopClassUid().isEmpty() || sop.sopInstanceUid().isEmpty()) {
				throw new DimseException(Status.INVALID_ARGUMENT_VALUE,
						"a Referenced SOP Sequence item lacks its SOP Class or Instance UID");
			}
			refs.add(sop);
		}
		if (refs.isEmpty()) {
			throw new DimseException(Status.INVALID_ARGUMENT_VALUE, "empty or missing Referenced SOP Sequence");
		}
		return new StorageCommitmentRequest(callingAeTitle, tx, refs);
	}

	/**
	 * The handler's answer, completed so that every referenced instance is reported: what
	 * it leaves out, or everything if it fails, is a Processing Failure.
	 */
	private StorageCommitmentResult decide(StorageCommitmentRequest request) {
		StorageCommitmentResult answer;
		try {
			answer = handler.commit(request);
		}
		catch (IOException | RuntimeException e) {
			LOG.error("storage commitment {} failed in the handler", request.transactionUid(), e);
			answer = new StorageCommitmentResult(request.transactionUid(), List.of(), List.of());
		}
		Set<ReferencedSop> answered = new HashSet<>(answer.committed());
		answer.failed().forEach(f -> answered.add(f.sop()));
		List<FailedSop> failed = new ArrayList<>(answer.failed());
		for (ReferencedSop r : request.references()) {
			if (!answered.contains(r)) {
				failed.add(new FailedSop(r, CommitmentFailureReason.PROCESSING_FAILURE));
			}
		}
		return new StorageCommitmentResult(request.transactionUid(), answer.committed(), failed);
	}

	private void report(Association association, StorageCommitmentResult result) throws IOException {
		if (association.isOpen()) {
			try {
				NResponse rsp = send(association, result);
				LOG.info("storage commitment {} reported to {} on the same association: status 0x{}",
						result.transactionUid(), association.callingAeTitle(), Integer.toHexString(rsp.status()));
				return;
			}
			catch (IOException e) {
				LOG.info("storage commitment {}: {}; reporting on a new association", result.transactionUid(),
						e.getMessage());
			}
		}
		delivery.deliver(association.callingAeTitle(), result);
	}

	private static NResponse send(Association association, StorageCommitmentResult result) throws IOException {
		return association.nEventReport(SC, Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, result.eventTypeId(),
				result.toEventInformation());
	}

	/**
	 * Sends the report on a new association to {@code aeTitle} as the settings' known
	 * peers have it; a failure is logged.
	 */
	void reportOnNewAssociationOrLog(String aeTitle, StorageCommitmentResult result) {
		RemoteAe peer = settings.peer(aeTitle).orElse(null);
		if (peer == null) {
			LOG.warn("storage commitment {}: {} is not a known peer, the report cannot be sent",
					result.transactionUid(), aeTitle);
			return;
		}
		try {
			int status = reportOnNewAssociation(settings, peer, result).status();
			if (status != Status.SUCCESS.code()) {
				LOG.warn("storage commitment {}: {} answered the report with status 0x{}", result.transactionUid(),
						aeTitle, Integer.toHexString(status));
			}
		}
		catch (IOException e) {
			LOG.warn("storage commitment {}: report to {} at {}:{} failed: {}", result.transactionUid(), aeTitle,
					peer.host(), peer.port(), e.getMessage());
		}
	}

	/**
	 * Opens an association from {@code settings}' AE to {@code peer} as requestor in the
	 * SCP role (PS3.4 §J.3.3.2; over TLS when the settings have a TLS context), sends the
	 * report and answers the peer's N-EVENT-REPORT-RSP.
	 * @throws IOException the peer could not be reached, refused the association or the
	 * SCP role, or did not answer
	 */
	public static NResponse reportOnNewAssociation(AssociationSettings settings, RemoteAe peer,
			StorageCommitmentResult result) throws IOException {
		var rq = new AssociationRequest(settings.aeTitle(), peer.aeTitle())
			.addContext(SC, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
			.addRole(SC, false, true);
		try (Association as = rq.connect(peer.host(), peer.port(), settings)) {
			NResponse rsp = send(as, result);
			LOG.info("storage commitment {} reported to {} on a new association: status 0x{}", result.transactionUid(),
					peer.aeTitle(), Integer.toHexString(rsp.status()));
			return rsp;
		}
	}

}
