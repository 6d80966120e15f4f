package org.continuum.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.pdu.PduFormatException;
import org.continuum.dicom.net.pdu.PresentationDataValue;

/**
 * The data set of one DIMSE message as a stream over successive data PDVs (PS3.8 §9.3.5,
 * Annex E.2), ending after the PDV flagged "last fragment". Reads further P-DATA-TF PDUs
 * from the association as it goes.
 */
final class PDataInputStream extends InputStream {

	private final Association association;

	private final int contextId;

	private PresentationDataValue current;

	private int pos;

	private boolean lastSeen;

	PDataInputStream(Association association, int contextId) {
		this.association = association;
		this.contextId = contextId;
	}

	private boolean fill() throws IOException {
		while (current == null || pos == current.length()) {
			if (lastSeen) {
				return false;
			}
			PresentationDataValue pdv = association.nextPdv();
			if (pdv.command() || pdv.contextId() != contextId) {
				association.abort(AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
				throw new PduFormatException(AAbort.Reason.UNEXPECTED_PDU_PARAMETER,
						"expected a data fragment on " + "presentation context " + contextId + ", got "
								+ (pdv.command() ? "a command" : "context " + pdv.contextId()));
			}
			current = pdv;
			pos = 0;
			lastSeen = pdv.last();
		}
		return true;
	}

	@Override
	public int read() throws IOException {
		if (!fill()) {
			return -1;
		}
		return current.data()[current.offset() + pos++] & 0xFF;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return 0;
		}
		if (!fill()) {
			return -1;
		}
		int n = Math.min(len, current.length() - pos);
		System.arraycopy(current.data(), current.offset() + pos, b, off, n);
		pos += n;
		return n;
	}

	/**
	 * Writes each fragment straight from the PDU buffer: no intermediate copy on the
	 * storage path.
	 */
	@Override
	public long transferTo(java.io.OutputStream out) throws IOException {
		long total = 0;
		while (fill()) {
			int n = current.length() - pos;
			out.write(current.data(), current.offset() + pos, n);
			pos += n;
			total += n;
		}
		return total;
	}

	@Override
	public int available() {
		return current == null ? 0 : current.length() - pos;
	}

	/** Reads and discards the rest of the data set. */
	void drain() throws IOException {
		while (fill()) {
			pos = current.length();
		}
	}

	boolean finished() {
		return lastSeen && (current == null || pos == current.length());
	}

}
