package org.continuum.dicom.net;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.jspecify.annotations.Nullable;

/**
 * The response to a DIMSE-N request (PS3.7 §10.1): its status (PS3.7 Annex C), the
 * Affected SOP Instance UID (for N-CREATE, the one the SCP assigned if the request named
 * none), the whole command set (Error Comment, Error ID, Attribute Identifier List) and
 * the data set if the response carried one (N-CREATE, N-SET and N-GET attributes,
 * N-ACTION reply, N-EVENT-REPORT reply).
 */
public record NResponse(int status, @Nullable String affectedSopInstanceUid, Attributes command,
		@Nullable Attributes dataSet) {

	public Status.Category category() {
		return Status.categoryOf(status);
	}

	/** Success or a warning: the operation was performed (PS3.7 §C.1). */
	public boolean performed() {
		Status.Category c = category();
		return c == Status.Category.SUCCESS || c == Status.Category.WARNING;
	}

	public @Nullable String errorComment() {
		return command.getString(Tag.ErrorComment);
	}

	/** Error ID (0000,0903), a service-specific code; 0 if absent. */
	public int errorId() {
		return command.getInt(Tag.ErrorID, 0);
	}

	/**
	 * Attribute Identifier List (0000,1005): the attributes a failure or warning is
	 * about.
	 */
	public int[] attributeIdentifiers() {
		return command.getInts(Tag.AttributeIdentifierList);
	}

}
