package org.continuum.dicom.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails with {@link DicomStreamException} once more than {@code limit} bytes are read:
 * bounds what a peer can make us hold.
 */
public final class BoundedInputStream extends FilterInputStream {

	private final long limit;

	private long count;

	public BoundedInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	private void count(int n) throws DicomStreamException {
		count += n;
		if (count > limit) {
			throw new DicomStreamException("data set exceeds the limit of " + limit + " bytes");
		}
	}

}
