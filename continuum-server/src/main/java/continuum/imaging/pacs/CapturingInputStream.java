package continuum.imaging.pacs;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Keeps a copy of every byte read through it until {@link #release()}: the head of a data
 * set is parsed for the index before its folder is known, and those bytes then go to the
 * file first, followed by the rest of the stream, so that every byte crosses the network
 * once.
 */
final class CapturingInputStream extends FilterInputStream {

	private @Nullable ByteArrayOutputStream captured = new ByteArrayOutputStream(16 * 1024);

	CapturingInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0 && captured != null) {
			captured.write(b);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0 && captured != null) {
			captured.write(buffer, offset, n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] discard = new byte[(int) Math.min(n, 8192)];
		int read = read(discard, 0, discard.length);
		return Math.max(read, 0);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	/** The bytes read so far; from now on nothing more is kept. */
	byte[] release() {
		byte[] bytes = captured == null ? new byte[0] : captured.toByteArray();
		captured = null;
		return bytes;
	}

}
