package continuum.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Reads MLLP frames (HL7 v2.5.1 Appendix C.4: start block VT 0x0B, the message, end block
 * FS 0x1C and CR 0x0D) off a stream. Bytes outside a frame are skipped. A frame longer
 * than the limit keeps its first bytes and is read to its end block, then reported
 * {@link Frame.Kind#OVERSIZE}; a frame cut by the end of the stream, an idle timeout or a
 * new start block is reported {@link Frame.Kind#TRUNCATED}. After the end of the stream
 * or a timeout in the middle of a frame the reader is {@link #ended()}.
 */
final class MllpReader {

	static final int START_BLOCK = 0x0B;

	static final int END_BLOCK = 0x1C;

	static final int CARRIAGE_RETURN = 0x0D;

	/** How much of an over-size frame is read (and discarded) before giving up on it. */
	private static final int DISCARD_FACTOR = 16;

	private final InputStream in;

	private final int maxSize;

	private final byte[] buffer = new byte[8192];

	private int position;

	private int limit;

	private boolean startSeen;

	private boolean ended;

	MllpReader(InputStream in, int maxSize) {
		this.in = in;
		this.maxSize = maxSize;
	}

	/**
	 * The next frame; null when the stream ended (or went idle:
	 * {@link SocketTimeoutException} is thrown) outside any frame.
	 */
	@Nullable Frame next() throws IOException {
		if (!startSeen && !skipToStart()) {
			ended = true;
			return null;
		}
		startSeen = false;
		ByteArrayOutputStream message = new ByteArrayOutputStream(1024);
		long length = 0;
		while (true) {
			int b;
			try {
				b = read();
			}
			catch (SocketTimeoutException ex) {
				ended = true;
				return new Frame(message.toByteArray(), length > maxSize ? Frame.Kind.OVERSIZE : Frame.Kind.TRUNCATED);
			}
			if (b < 0) {
				ended = true;
				return new Frame(message.toByteArray(), length > maxSize ? Frame.Kind.OVERSIZE : Frame.Kind.TRUNCATED);
			}
			if (b == END_BLOCK) {
				// The CR after FS is skipped as a byte outside any frame: reading it here
				// could block on a peer that sent FS and CR apart and waits for an
				// answer.
				return new Frame(message.toByteArray(), length > maxSize ? Frame.Kind.OVERSIZE : Frame.Kind.COMPLETE);
			}
			if (b == START_BLOCK) {
				startSeen = true;
				return new Frame(message.toByteArray(), Frame.Kind.TRUNCATED);
			}
			length++;
			if (length <= maxSize) {
				message.write(b);
			}
			else if (length > (long) maxSize * DISCARD_FACTOR) {
				ended = true;
				return new Frame(message.toByteArray(), Frame.Kind.OVERSIZE);
			}
		}
	}

	/** Whether the connection is done: closed by the peer, idle, or hopeless. */
	boolean ended() {
		return ended;
	}

	private boolean skipToStart() throws IOException {
		while (true) {
			int b = read();
			if (b < 0) {
				return false;
			}
			if (b == START_BLOCK) {
				return true;
			}
		}
	}

	private int read() throws IOException {
		if (position == limit) {
			int n = in.read(buffer);
			if (n <= 0) {
				return -1;
			}
			position = 0;
			limit = n;
		}
		return buffer[position++] & 0xFF;
	}

}
