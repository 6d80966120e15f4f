package org.continuum.dicom.net;

import java.io.IOException;
import java.io.OutputStream;
import org.continuum.dicom.net.pdu.PduWriter;

/**
 * Fragments a data set into P-DATA-TF PDUs no longer than the peer's Maximum Length
 * (PS3.8 §9.3.5, §D.1); the final fragment carries the "last" flag. Large writes go
 * straight from the caller's buffer.
 */
final class PDataOutputStream extends OutputStream {

	private final PduWriter writer;

	private final int contextId;

	private final byte[] buf;

	private int count;

	private long total;

	PDataOutputStream(PduWriter writer, int contextId, int maxDataPerPdv) {
		this.writer = writer;
		this.contextId = contextId;
		this.buf = new byte[maxDataPerPdv];
	}

	@Override
	public void write(int b) throws IOException {
		total++;
		if (count == buf.length) {
			writer.writePData(contextId, false, false, buf, 0, count);
			count = 0;
		}
		buf[count++] = (byte) b;
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		total += len;
		while (len > 0) {
			if (count == 0 && len > buf.length) {
				writer.writePData(contextId, false, false, b, off, buf.length);
				off += buf.length;
				len -= buf.length;
				continue;
			}
			if (count == buf.length) {
				writer.writePData(contextId, false, false, buf, 0, count);
				count = 0;
			}
			int n = Math.min(len, buf.length - count);
			System.arraycopy(b, off, buf, count, n);
			count += n;
			off += n;
			len -= n;
		}
	}

	/**
	 * Sends what is buffered as the last fragment. Every valid encoding of a data set has
	 * even length (PS3.5 §7.1, and §A.5 for deflated ones), and peers such as dcmtk
	 * reject odd fragments: an odd total can only be an unpadded deflated stream, which
	 * gets its trailing NUL here.
	 */
	void finish() throws IOException {
		if ((total & 1) == 1) {
			write(0);
		}
		writer.writePData(contextId, false, true, buf, 0, count);
		count = 0;
		writer.flush();
	}

	/** Does not end the message: call {@link #finish()}. */
	@Override
	public void close() {
	}

}
