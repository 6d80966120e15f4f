package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.pdu.PduFormatException;
import org.continuum.dicom.net.AssociationAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modality Performed Procedure Step SOP Class as SCP (PS3.4 §F.7): checks each N-CREATE
 * and N-SET on its own (the SOP Instance UID the SCU must name, §F.7.2.1.1; the
 * attributes required at creation, Table F.7.2-1; a creation IN PROGRESS only; a known
 * status value), then hands it to the {@link MppsHandler}, which applies the state rules
 * through {@link MppsRequest#applyTo} against what it stores.
 */
public final class MppsScp implements DimseService {

	private static final Logger LOG = LoggerFactory.getLogger(MppsScp.class);

	private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

	/** Type 1 at N-CREATE (PS3.4 Table F.7.2-1). */
	private static final int[] REQUIRED_AT_CREATE = { Tag.PerformedProcedureStepStatus, Tag.PerformedProcedureStepID,
			Tag.PerformedStationAETitle, Tag.PerformedProcedureStepStartDate, Tag.PerformedProcedureStepStartTime,
			Tag.Modality, Tag.ScheduledStepAttributesSequence };

	private final MppsHandler handler;

	public MppsScp(MppsHandler handler) {
		this.handler = handler;
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.N_CREATE_RQ, CommandField.N_SET_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return Uid.MODALITY_PERFORMED_PROCEDURE_STEP.equals(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return TransferSyntaxes.UNCOMPRESSED;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		try {
			MppsRequest mpps = check(association, request);
			handler.handle(mpps);
			NResponder.success(association, request, null);
			LOG.info("{} of performed procedure step {} from {}{}", request.commandField(), mpps.sopInstanceUid(),
					association.callingAeTitle(), mpps.status() == null ? "" : ": " + mpps.status().value());
		}
		catch (DimseException e) {
			NResponder.failure(association, request, e);
		}
		catch (PduFormatException | AssociationAbortedException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			LOG.error("{} from {} failed in the handler", request.commandField(), association.callingAeTitle(), e);
			NResponder.failure(association, request,
					new DimseException(Status.PROCESSING_FAILURE, "the performed procedure step was not stored"));
		}
	}

	private static MppsRequest check(Association association, DimseMessage request) throws IOException, DimseException {
		boolean create = request.commandField() == CommandField.N_CREATE_RQ;
		String sopClass = create ? request.affectedSopClassUid() : request.requestedSopClassUid();
		String uid = create ? request.affectedSopInstanceUid() : request.requestedSopInstanceUid();
		if (!Uid.MODALITY_PERFORMED_PROCEDURE_STEP.equals(sopClass)) {
			throw new DimseException(Status.NO_SUCH_SOP_CLASS, "not the MPPS SOP class: " + sopClass);
		}
		if (uid == null || uid.length() > 64 || !UID.matcher(uid).matches()) {
			throw new DimseException(Status.INVALID_OBJECT_INSTANCE,
					"the SCU must name a valid SOP Instance UID (PS3.4 F.7.2.1.1)");
		}
		Attributes attributes = NResponder.dataSet(request);
		if (create) {
			checkCreate(attributes);
		}
		else if (attributes.isEmpty()) {
			throw new DimseException(Status.MISSING_ATTRIBUTE, "N-SET without a modification list");
		}
		String status = attributes.getString(Tag.PerformedProcedureStepStatus);
		if (attributes.contains(Tag.PerformedProcedureStepStatus) && PerformedProcedureStepStatus.of(status) == null) {
			throw new DimseException(Status.INVALID_ATTRIBUTE_VALUE,
					"Performed Procedure Step Status must be IN PROGRESS, COMPLETED or DISCONTINUED", 0,
					Tag.PerformedProcedureStepStatus);
		}
		return new MppsRequest(request.commandField(), association.callingAeTitle(), uid, attributes);
	}

	private static void checkCreate(Attributes attributes) throws DimseException {
		List<Integer> missing = new ArrayList<>();
		List<Integer> empty = new ArrayList<>();
		for (int tag : REQUIRED_AT_CREATE) {
			DataElement e = attributes.get(tag);
			if (e == null) {
				missing.add(tag);
			}
			else if (e.isSequence() ? e.sequence().isEmpty() : e.bytes().length == 0) {
				empty.add(tag);
			}
		}
		if (!missing.isEmpty()) {
			throw new DimseException(Status.MISSING_ATTRIBUTE, "N-CREATE lacks required attributes", 0,
					missing.stream().mapToInt(Integer::intValue).toArray());
		}
		if (!empty.isEmpty()) {
			throw new DimseException(Status.MISSING_ATTRIBUTE_VALUE, "N-CREATE has empty required attributes", 0,
					empty.stream().mapToInt(Integer::intValue).toArray());
		}
		Sequence scheduled = attributes.getSequence(Tag.ScheduledStepAttributesSequence);
		if (scheduled == null) {
			throw new DimseException(Status.INVALID_ATTRIBUTE_VALUE,
					"Scheduled Step Attributes Sequence is not a sequence", 0, Tag.ScheduledStepAttributesSequence);
		}
		for (Attributes item : scheduled) {
			if (item.getString(Tag.StudyInstanceUID) == null) {
				throw new DimseException(Status.MISSING_ATTRIBUTE_VALUE,
						"Scheduled Step Attributes Sequence item without Study Instance UID", 0,
						Tag.ScheduledStepAttributesSequence);
			}
		}
		if (PerformedProcedureStepStatus
			.of(attributes.getString(Tag.PerformedProcedureStepStatus)) != PerformedProcedureStepStatus.IN_PROGRESS) {
			throw new DimseException(Status.INVALID_ATTRIBUTE_VALUE,
					"a performed procedure step is created IN PROGRESS (PS3.4 F.7.2.1.2)", 0,
					Tag.PerformedProcedureStepStatus);
		}
	}

}
