package org.continuum.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.BoundedInputStream;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomStreamException;
import org.jspecify.annotations.Nullable;

/**
 * A received DIMSE message (PS3.7 §6.3): its command set and, if announced, its data set
 * as a stream of the presentation context's transfer syntax. Consume (or ignore) the
 * stream before receiving the next message; the association drains what is left.
 */
public record DimseMessage(int contextId, String transferSyntax, Attributes command, @Nullable InputStream dataSet) {

	public @Nullable CommandField commandField() {
		return CommandField.of(command.getInt(Tag.CommandField, 0));
	}

	public int messageId() {
		return command.getInt(Tag.MessageID, 0);
	}

	public int status() {
		return command.getInt(Tag.Status, 0);
	}

	public @Nullable String affectedSopClassUid() {
		return command.getString(Tag.AffectedSOPClassUID);
	}

	public @Nullable String affectedSopInstanceUid() {
		return command.getString(Tag.AffectedSOPInstanceUID);
	}

	/** The Requested SOP Class UID of an N-SET, N-GET, N-ACTION or N-DELETE. */
	public @Nullable String requestedSopClassUid() {
		return command.getString(Tag.RequestedSOPClassUID);
	}

	public @Nullable String requestedSopInstanceUid() {
		return command.getString(Tag.RequestedSOPInstanceUID);
	}

	/** Event Type ID (N-EVENT-REPORT) or Action Type ID (N-ACTION); 0 if absent. */
	public int typeId() {
		return command.getInt(Tag.EventTypeID, command.getInt(Tag.ActionTypeID, 0));
	}

	public boolean hasDataSet() {
		return dataSet != null;
	}

	/**
	 * Largest data set {@link #readDataSet()} accepts: identifiers and responses are
	 * small.
	 */
	public static final long MAX_PARSED_DATA_SET = 4L << 20;

	/**
	 * Parses the whole data set, up to {@link #MAX_PARSED_DATA_SET} bytes (fine for
	 * identifiers; C-STORE handlers should stream instead). A malformed or oversized data
	 * set raises {@link DicomStreamException}.
	 */
	public @Nullable Attributes readDataSet() throws IOException {
		if (dataSet == null) {
			return null;
		}
		DicomInputStream in = DicomInputStream.forDataset(new BoundedInputStream(dataSet, MAX_PARSED_DATA_SET),
				transferSyntax);
		return in.readDataset();
	}
}
