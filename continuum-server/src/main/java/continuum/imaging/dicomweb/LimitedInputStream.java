package continuum.imaging.dicomweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not exceed a size, whatever its Content-Length said (or did not
 * say, when chunked).
 */
final class LimitedInputStream extends FilterInputStream {

	/** More bytes came than allowed. */
	static final class LimitExceededException extends IOException {

		LimitExceededException(long limit) {
			super("more than " + limit + " bytes");
		}

	}

	private final long limit;

	private long count;

	LimitedInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		if (n > 0) {
			counted(n);
		}
		return n;
	}

	private void counted(int n) throws IOException {
		count += n;
		if (count > limit) {
			throw new LimitExceededException(limit);
		}
	}

}
