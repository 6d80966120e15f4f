package org.continuum.dicom.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.jspecify.annotations.Nullable;

/**
 * Builds, encodes and decodes DIMSE command sets (PS3.7 §9.3, §10.3, §E.1): group 0000,
 * always Implicit VR Little Endian, led by Command Group Length (0000,0000).
 */
public final class Commands {

	/** Command Data Set Type: no data set follows (PS3.7 §E.1). */
	public static final int NO_DATA_SET = 0x0101;

	/** Any value other than 0x0101 announces a data set; this is the one we send. */
	public static final int DATA_SET_PRESENT = 0x0000;

	private Commands() {
	}

	public static Attributes request(CommandField field, int messageId, String sopClassUid, boolean dataSet) {
		Attributes cmd = new Attributes();
		cmd.setString(Tag.AffectedSOPClassUID, VR.UI, sopClassUid);
		cmd.setInt(Tag.CommandField, VR.US, field.code());
		cmd.setInt(Tag.MessageID, VR.US, messageId);
		if (field != CommandField.C_ECHO_RQ) {
			cmd.setInt(Tag.Priority, VR.US, 0);
		}
		cmd.setInt(Tag.CommandDataSetType, VR.US, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
		return cmd;
	}

	/**
	 * A DIMSE-N request (PS3.7 §10.3): N-CREATE and N-EVENT-REPORT name the Affected SOP
	 * Class and Instance UIDs, N-SET, N-GET, N-ACTION and N-DELETE the Requested ones.
	 * The N-CREATE instance UID may be null (the SCP assigns one, PS3.7 §10.1.5.1.4).
	 * {@code typeId} is the Event Type ID (N-EVENT-REPORT) or Action Type ID (N-ACTION),
	 * ignored for the others.
	 */
	public static Attributes nRequest(CommandField field, int messageId, String sopClassUid,
			@Nullable String sopInstanceUid, int typeId, boolean dataSet) {
		if (!field.isNormalized() || !field.isRequest()) {
			throw new IllegalArgumentException(field + " is not a DIMSE-N request");
		}
		boolean affected = field == CommandField.N_CREATE_RQ || field == CommandField.N_EVENT_REPORT_RQ;
		Attributes cmd = new Attributes();
		cmd.setString(affected ? Tag.AffectedSOPClassUID : Tag.RequestedSOPClassUID, VR.UI, sopClassUid);
		cmd.setInt(Tag.CommandField, VR.US, field.code());
		cmd.setInt(Tag.MessageID, VR.US, messageId);
		cmd.setInt(Tag.CommandDataSetType, VR.US, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
		if (sopInstanceUid != null) {
			cmd.setString(affected ? Tag.AffectedSOPInstanceUID : Tag.RequestedSOPInstanceUID, VR.UI, sopInstanceUid);
		}
		if (field == CommandField.N_EVENT_REPORT_RQ) {
			cmd.setInt(Tag.EventTypeID, VR.US, typeId);
		}
		else if (field == CommandField.N_ACTION_RQ) {
			cmd.setInt(Tag.ActionTypeID, VR.US, typeId);
		}
		return cmd;
	}

	/**
	 * A response to {@code request} (PS3.7 §9.3, §10.3): same SOP class and instance (a
	 * DIMSE-N request's Requested UIDs become the response's Affected UIDs), the Event or
	 * Action Type ID echoed, the matching RSP field.
	 */
	public static Attributes response(Attributes request, int status, boolean dataSet) {
		Attributes rsp = new Attributes();
		CommandField rq = CommandField.of(request.getInt(Tag.CommandField, 0));
		String sopClass = request.getString(Tag.AffectedSOPClassUID, request.getString(Tag.RequestedSOPClassUID));
		if (sopClass != null) {
			rsp.setString(Tag.AffectedSOPClassUID, VR.UI, sopClass);
		}
		rsp.setInt(Tag.CommandField, VR.US, rq == null ? 0x8000 : rq.code() | 0x8000);
		rsp.setInt(Tag.MessageIDBeingRespondedTo, VR.US, request.getInt(Tag.MessageID, 0));
		rsp.setInt(Tag.CommandDataSetType, VR.US, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
		rsp.setInt(Tag.Status, VR.US, status);
		String sopInstance = request.getString(Tag.AffectedSOPInstanceUID,
				request.getString(Tag.RequestedSOPInstanceUID));
		if (sopInstance != null) {
			rsp.setString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstance);
		}
		for (int typeId : new int[] { Tag.EventTypeID, Tag.ActionTypeID }) {
			if (request.contains(typeId) && rq != null && rq.isNormalized()) {
				rsp.setInt(typeId, VR.US, request.getInt(typeId, 0));
			}
		}
		return rsp;
	}

	/**
	 * Encodes a data set in a presentation context's transfer syntax (finishing the
	 * deflater of Deflated Explicit VR Little Endian), for {@link Association#send}.
	 */
	public static void encodeDataSet(Attributes dataSet, String transferSyntax, java.io.OutputStream out)
			throws IOException {
		var dos = new DicomOutputStream(out);
		dos.useTransferSyntax(transferSyntax);
		dos.writeDataset(dataSet);
		dos.flush();
		if (TransferSyntax.encodingOf(transferSyntax).deflated()) {
			dos.close();
		}
	}

	public static boolean hasDataSet(Attributes command) {
		return command.getInt(Tag.CommandDataSetType, NO_DATA_SET) != NO_DATA_SET;
	}

	public static byte[] encode(Attributes command) throws IOException {
		int length = 0;
		for (DataElement e : command) {
			if (e.tag() != Tag.CommandGroupLength) {
				length += 8 + e.bytes().length + (e.bytes().length & 1);
			}
		}
		Attributes withLength = new Attributes();
		withLength.setInt(Tag.CommandGroupLength, VR.UL, length);
		for (DataElement e : command) {
			if (e.tag() != Tag.CommandGroupLength) {
				withLength.set(e);
			}
		}
		var bytes = new ByteArrayOutputStream(length + 12);
		try (var out = new DicomOutputStream(bytes)) {
			out.useTransferSyntax(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			out.writeDataset(withLength);
		}
		return bytes.toByteArray();
	}

	public static Attributes decode(byte[] bytes) throws IOException {
		try (var in = DicomInputStream.forDataset(new ByteArrayInputStream(bytes),
				TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())) {
			in.setMaxDepth(1);
			return in.readDataset();
		}
	}

}
