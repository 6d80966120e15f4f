package org.continuum.dicom.net.service;

import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Status;
import org.jspecify.annotations.Nullable;

/**
 * One N-CREATE or N-SET of a Modality Performed Procedure Step (PS3.4 §F.7.2), already
 * checked on its own by {@link MppsScp}: who sent it, which instance, and its attribute
 * list (N-CREATE: the whole step; N-SET: the modifications).
 */
public record MppsRequest(CommandField operation, String callingAeTitle, String sopInstanceUid, Attributes attributes) {

	/**
	 * Error ID (0000,0903) of "Performed Procedure Step Object may no longer be updated"
	 * (PS3.4 §F.7.2.2.2), sent with Processing Failure (0110).
	 */
	public static final int MAY_NO_LONGER_BE_UPDATED = 0xA710;

	/**
	 * Attributes an N-SET may not change (PS3.4 Table F.7.2-1, "Not allowed"): sent again
	 * with the stored value they are accepted, with another value refused.
	 */
	static final Set<Integer> NOT_SETTABLE = Set.of(Tag.PerformedStationAETitle, Tag.PerformedProcedureStepStartDate,
			Tag.PerformedProcedureStepStartTime, Tag.PerformedProcedureStepID, Tag.Modality,
			Tag.ScheduledStepAttributesSequence, Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
			Tag.SOPClassUID, Tag.SOPInstanceUID);

	/**
	 * The step's attributes after this request, given those stored for
	 * {@link #sopInstanceUid()} ({@code null} when there is no such instance). N-CREATE
	 * of an existing instance is refused with Duplicate SOP Instance (0111); N-SET of an
	 * unknown one with No Such SOP Instance (0112), of a COMPLETED or DISCONTINUED one
	 * with Processing Failure (0110) and Error ID {@link #MAY_NO_LONGER_BE_UPDATED}, and
	 * a change to an attribute that may not be set with Invalid Attribute Value (0106).
	 */
	public Attributes applyTo(@Nullable Attributes stored) throws DimseException {
		if (operation == CommandField.N_CREATE_RQ) {
			if (stored != null) {
				throw new DimseException(Status.DUPLICATE_SOP_INSTANCE,
						"performed procedure step " + sopInstanceUid + " already exists");
			}
			Attributes created = new Attributes();
			created.addAll(attributes);
			return created;
		}
		if (stored == null) {
			throw new DimseException(Status.NO_SUCH_SOP_INSTANCE, "no performed procedure step " + sopInstanceUid);
		}
		PerformedProcedureStepStatus current = PerformedProcedureStepStatus
			.of(stored.getString(Tag.PerformedProcedureStepStatus));
		if (current != null && current.isFinal()) {
			throw new DimseException(Status.PROCESSING_FAILURE,
					"Performed Procedure Step Object may no longer be updated (" + current.value() + ")",
					MAY_NO_LONGER_BE_UPDATED);
		}
		Attributes updated = new Attributes();
		updated.addAll(stored);
		for (DataElement e : attributes) {
			if (NOT_SETTABLE.contains(e.tag()) && !sameValue(stored.get(e.tag()), e)) {
				throw new DimseException(Status.INVALID_ATTRIBUTE_VALUE,
						"N-SET may not change " + org.continuum.dicom.data.Tags.toString(e.tag()), 0, e.tag());
			}
			updated.set(e);
		}
		return updated;
	}

	private static boolean sameValue(@Nullable DataElement stored, DataElement sent) {
		if (stored == null) {
			return false;
		}
		if (stored.isSequence() || sent.isSequence()) {
			return stored.isSequence() && sent.isSequence() && stored.sequence().equals(sent.sequence());
		}
		return java.util.Arrays.equals(stored.bytes(), sent.bytes());
	}

	/** The status this request leaves the step in, if it names one. */
	public @Nullable PerformedProcedureStepStatus status() {
		return PerformedProcedureStepStatus.of(attributes.getString(Tag.PerformedProcedureStepStatus));
	}

}
