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

	private boolean reusePDataBuffer;

	/**
	 * Bytes read from the stream: {@code [pos, limit)} not yet decoded. A read takes
	 * whatever the stream has, up to the buffer's free space, so that one system call may
	 * bring several PDUs.
	 */
	private byte[] buffer = new byte[8192];

	private int pos;

	private int limit;

	/**
	 * @param maxPDataLength the Maximum Length this side announced (0 = unlimited, capped
	 * at 16 MiB here)
	 */
	public PduReader(InputStream in, long maxPDataLength) {
		this.in = in;
		this.maxPDataLength = maxPDataLength == 0 ? 1 << 24 : maxPDataLength;
	}

	/**
	 * From now on, the presentation data values of a P-DATA-TF point into this reader's
	 * buffer, which the next {@link #read()} reuses: they are valid only until then. For
	 * a reader whose consumer copies or consumes each value before it asks for the next
	 * PDU, as the association's upper layer does: data set bytes then go from the buffer
	 * the socket filled to their destination without any other copy or allocation, which
	 * dominated the CPU cost of receiving large data sets.
	 */
	public PduReader reusingPDataBuffer() {
		this.reusePDataBuffer = true;
		if (buffer.length < REUSED_BUFFER) {
			buffer = java.util.Arrays.copyOf(buffer, REUSED_BUFFER);
		}
		return this;
	}

	private static final int REUSED_BUFFER = 256 * 1024;

	/**
	 * Bytes that can be read without blocking: a PDU (such as a C-CANCEL) has begun to
	 * arrive.
	 */
	public int available() throws IOException {
		return limit - pos + in.available();
	}

	/** The next PDU, or {@code null} if the stream ended cleanly before one began. */
	public @Nullable Pdu read() throws IOException {
		if (!fill(6)) {
			if (limit == pos) {
				return null;
			}
			throw new EOFException("connection closed inside a PDU header");
		}
		byte[] b = buffer;
		PduType type = PduType.of(b[pos] & 0xFF);
		long length = (long) (b[pos + 2] & 0xFF) << 24 | (b[pos + 3] & 0xFF) << 16 | (b[pos + 4] & 0xFF) << 8
				| (b[pos + 5] & 0xFF);
		if (type == null) {
			throw new PduFormatException(AAbort.Reason.UNRECOGNIZED_PDU,
					"unrecognized PDU type 0x" + Integer.toHexString(b[pos] & 0xFF));
		}
		long limitForType = type == PduType.P_DATA_TF ? maxPDataLength : MAX_ASSOCIATION_PDU;
		if (length > limitForType) {
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
					type + " of " + length + " bytes exceeds the limit of " + limitForType);
		}
		// Within the limit checked above, so the buffer grows by a bounded amount.
		int total = 6 + (int) length;
		if (!fill(total)) {
			throw new EOFException(
					"connection closed inside a " + type + " after " + (limit - pos - 6) + " of " + length + " bytes");
		}
		int start = pos + 6;
		pos += total;
		if (type == PduType.P_DATA_TF && reusePDataBuffer) {
			return decodePData(new ItemCursor(buffer, start, start + (int) length), buffer);
		}
		byte[] body = java.util.Arrays.copyOfRange(buffer, start, start + (int) length);
		return decode(type, body, body.length);
	}

	/**
	 * Makes {@code needed} bytes available from {@code pos}, compacting or growing the
	 * buffer; false if the stream ends first.
	 */
	private boolean fill(int needed) throws IOException {
		if (limit - pos >= needed) {
			return true;
		}
		if (pos == limit) {
			pos = 0;
			limit = 0;
		}
		if (buffer.length - pos < needed) {
			int have = limit - pos;
			byte[] target = buffer.length < needed ? new byte[Math.max(needed, 2 * buffer.length)] : buffer;
			System.arraycopy(buffer, pos, target, 0, have);
			buffer = target;
			pos = 0;
			limit = have;
		}
		while (limit - pos < needed) {
			int n = in.read(buffer, limit, buffer.length - limit);
			if (n < 0) {
				return false;
			}
			limit += n;
		}
		return true;
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
