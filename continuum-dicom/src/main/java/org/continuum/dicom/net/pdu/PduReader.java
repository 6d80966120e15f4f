package org.continuum.dicom.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes PDUs (PS3.8 §9.3) from a stream. Lengths are checked before anything is
 * allocated: a P-DATA-TF may not exceed the maximum length this side announced, and
 * association PDUs are capped at 1 MiB. Violations raise {@link PduFormatException}
 * carrying the A-ABORT reason.
 */
public final class PduReader {

	private static final int MAX_ASSOCIATION_PDU = 1 << 20;

	private final InputStream in;

	private final long maxPDataLength;

	private final byte[] header = new byte[6];

	private boolean reusePDataBuffer;

	private byte[] pDataBuffer = new byte[0];

	/**
	 * @param maxPDataLength the Maximum Length this side announced (0 = unlimited, capped
	 * at 16 MiB here)
	 */
	public PduReader(InputStream in, long maxPDataLength) {
		this.in = in;
		this.maxPDataLength = maxPDataLength == 0 ? 1 << 24 : maxPDataLength;
	}

	/**
	 * From now on, reads every P-DATA-TF body into one buffer that the next P-DATA-TF
	 * overwrites: its presentation data values are valid only until the next
	 * {@link #read()}. For a reader whose consumer copies or consumes each value before
	 * it asks for the next PDU, as the association's upper layer does; it saves
	 * allocating (and zeroing) a new array per PDU, which dominated the CPU cost of
	 * receiving large data sets.
	 */
	public PduReader reusingPDataBuffer() {
		this.reusePDataBuffer = true;
		return this;
	}

	/**
	 * Bytes that can be read without blocking: a PDU (such as a C-CANCEL) has begun to
	 * arrive.
	 */
	public int available() throws IOException {
		return in.available();
	}

	/** The next PDU, or {@code null} if the stream ended cleanly before one began. */
	public @Nullable Pdu read() throws IOException {
		int n = in.readNBytes(header, 0, 6);
		if (n == 0) {
			return null;
		}
		if (n < 6) {
			throw new EOFException("connection closed inside a PDU header");
		}
		PduType type = PduType.of(header[0] & 0xFF);
		long length = (long) (header[2] & 0xFF) << 24 | (header[3] & 0xFF) << 16 | (header[4] & 0xFF) << 8
				| (header[5] & 0xFF);
		if (type == null) {
			throw new PduFormatException(AAbort.Reason.UNRECOGNIZED_PDU,
					"unrecognized PDU type 0x" + Integer.toHexString(header[0] & 0xFF));
		}
		long limit = type == PduType.P_DATA_TF ? maxPDataLength : MAX_ASSOCIATION_PDU;
		if (length > limit) {
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
					type + " of " + length + " bytes exceeds the limit of " + limit);
		}
		// The length is within the limit checked above, so allocating it up front is
		// bounded; reading into the final array directly avoids
		// InputStream.readNBytes(int)'s
		// chunked copy.
		int n32 = (int) length;
		byte[] body;
		if (type == PduType.P_DATA_TF && reusePDataBuffer) {
			if (pDataBuffer.length < n32) {
				pDataBuffer = new byte[n32];
			}
			body = pDataBuffer;
		}
		else {
			body = new byte[n32];
		}
		int read = in.readNBytes(body, 0, n32);
		if (read < length) {
			throw new EOFException(
					"connection closed inside a " + type + " after " + read + " of " + length + " bytes");
		}
		return decode(type, body, n32);
	}

	static Pdu decode(PduType type, byte[] body, int length) throws PduFormatException {
		ItemCursor c = new ItemCursor(body, 0, length);
		switch (type) {
			case A_ASSOCIATE_RQ:
			case A_ASSOCIATE_AC:
				return AssociatePduCodec.decode(type, c);
			case A_ASSOCIATE_RJ: {
				c.skip(1);
				int result = c.u8();
				int source = c.u8();
				int reason = c.u8();
				if (result != 1 && result != 2) {
					throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
							"A-ASSOCIATE-RJ result " + result);
				}
				return new AAssociateRj(result == 1, AAssociateRj.Reason.of(source, reason));
			}
			case P_DATA_TF:
				return decodePData(c, body);
			case A_RELEASE_RQ:
				c.skip(4);
				return new AReleaseRq();
			case A_RELEASE_RP:
				c.skip(4);
				return new AReleaseRp();
			case A_ABORT: {
				c.skip(2);
				int source = c.u8();
				int reason = c.u8();
				return new AAbort(AAbort.Source.of(source), AAbort.Reason.of(reason));
			}
			default:
				throw new PduFormatException(AAbort.Reason.UNRECOGNIZED_PDU, "PDU type " + type);
		}
	}

	private static PDataTf decodePData(ItemCursor c, byte[] body) throws PduFormatException {
		List<PresentationDataValue> values = new ArrayList<>(2);
		while (c.hasMore()) {
			long length = c.u32();
			if (length < 2 || length > c.remaining()) {
				throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
						"PDV item length " + length + " with " + c.remaining() + " bytes left");
			}
			int contextId = c.u8();
			int control = c.u8();
			int offset = c.position();
			c.skip((int) length - 2);
			values.add(new PresentationDataValue(contextId, (control & 1) != 0, (control & 2) != 0, body, offset,
					(int) length - 2));
		}
		if (values.isEmpty()) {
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without a PDV item");
		}
		return new PDataTf(values);
	}

}
