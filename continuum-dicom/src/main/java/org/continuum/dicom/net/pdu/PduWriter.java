package org.continuum.dicom.net.pdu;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes PDUs (PS3.8 §9.3) onto a stream. P-DATA-TF is written straight from the
 * caller's buffer, one PDV per PDU, so a data set streams through without copies. Not
 * thread-safe: the association serializes writers.
 */
public final class PduWriter {

	private final OutputStream out;

	private final byte[] header = new byte[12];

	public PduWriter(OutputStream out) {
		this.out = out;
	}

	public void write(Pdu pdu) throws IOException {
		switch (pdu.type()) {
			case A_ASSOCIATE_RQ:
			case A_ASSOCIATE_AC:
				writePdu(pdu.type(), AssociatePduCodec.encode(pdu));
				break;
			case A_ASSOCIATE_RJ: {
				AAssociateRj rj = (AAssociateRj) pdu;
				writePdu(pdu.type(), new byte[] { 0, (byte) (rj.permanent() ? 1 : 2), (byte) rj.reason().source(),
						(byte) rj.reason().code() });
				break;
			}
			case P_DATA_TF:
				for (PresentationDataValue pdv : ((PDataTf) pdu).values()) {
					writePData(pdv.contextId(), pdv.command(), pdv.last(), pdv.data(), pdv.offset(), pdv.length());
				}
				return;
			case A_RELEASE_RQ:
			case A_RELEASE_RP:
				writePdu(pdu.type(), new byte[4]);
				break;
			case A_ABORT: {
				AAbort abort = (AAbort) pdu;
				writePdu(pdu.type(), new byte[] { 0, 0, (byte) abort.source().code(), (byte) abort.reason().code() });
				break;
			}
			default:
				throw new IllegalArgumentException("unknown PDU " + pdu);
		}
		out.flush();
	}

	/**
	 * One P-DATA-TF holding one PDV (PS3.8 §9.3.5); the caller keeps {@code length}
	 * within the peer's maximum.
	 */
	public void writePData(int contextId, boolean command, boolean last, byte[] data, int offset, int length)
			throws IOException {
		int pduLength = length + 6;
		byte[] h = header;
		h[0] = (byte) PduType.P_DATA_TF.code();
		h[1] = 0;
		putU32(h, 2, pduLength);
		putU32(h, 6, length + 2);
		h[10] = (byte) contextId;
		h[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
		out.write(h, 0, 12);
		out.write(data, offset, length);
	}

	public void flush() throws IOException {
		out.flush();
	}

	private void writePdu(PduType type, byte[] body) throws IOException {
		header[0] = (byte) type.code();
		header[1] = 0;
		putU32(header, 2, body.length);
		out.write(header, 0, 6);
		out.write(body);
	}

	private static void putU32(byte[] b, int off, int v) {
		b[off] = (byte) (v >>> 24);
		b[off + 1] = (byte) (v >>> 16);
		b[off + 2] = (byte) (v >>> 8);
		b[off + 3] = (byte) v;
	}

}
