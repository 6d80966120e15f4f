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

/**
 * Builds, encodes and decodes DIMSE command sets (PS3.7 §9.3, §E.1): group 0000, always
 * Implicit VR Little Endian, led by Command Group Length (0000,0000).
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
	 * A response to {@code request} (PS3.7 §9.3): same SOP class (and instance), the
	 * matching RSP field.
	 */
	public static Attributes response(Attributes request, int status, boolean dataSet) {
		Attributes rsp = new Attributes();
		CommandField rq = CommandField.of(request.getInt(Tag.CommandField, 0));
		String sopClass = request.getString(Tag.AffectedSOPClassUID);
		if (sopClass != null) {
			rsp.setString(Tag.AffectedSOPClassUID, VR.UI, sopClass);
		}
		rsp.setInt(Tag.CommandField, VR.US, rq == null ? 0x8000 : rq.code() | 0x8000);
		rsp.setInt(Tag.MessageIDBeingRespondedTo, VR.US, request.getInt(Tag.MessageID, 0));
		rsp.setInt(Tag.CommandDataSetType, VR.US, dataSet ? DATA_SET_PRESENT : NO_DATA_SET);
		rsp.setInt(Tag.Status, VR.US, status);
		String sopInstance = request.getString(Tag.AffectedSOPInstanceUID);
		if (sopInstance != null) {
			rsp.setString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstance);
		}
		return rsp;
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
