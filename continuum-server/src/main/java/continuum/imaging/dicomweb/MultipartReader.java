package continuum.imaging.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/related} body (RFC 2046 §5.1, RFC 2387) part by part from the
 * request, each part's body an {@link InputStream} that ends at the next delimiter, so
 * that a large object streams on to storage instead of being held. A body that is not
 * multipart as declared throws {@link MalformedMultipartException}.
 */
final class MultipartReader {

	/** The request body is not the multipart it claims to be. */
	static final class MalformedMultipartException extends IOException {

		MalformedMultipartException(String message) {
			super(message);
		}

	}

	private static final int MAX_HEADER = 8 * 1024;

	private final PushbackInputStream in;

	private final byte[] delimiter;

	private boolean finished;

	private @Nullable PartStream current;

	MultipartReader(InputStream in, String boundary) {
		this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
		this.in = new PushbackInputStream(in, delimiter.length + 2);
	}

	/** One part: its headers (names in lower case) and its body. */
	record Part(Map<String, String> headers, InputStream body) {

		String contentType() {
			return headers.getOrDefault("content-type", "text/plain");
		}

	}

	/** The next part, or null after the close delimiter. */
	@Nullable Part next() throws IOException {
		if (finished) {
			return null;
		}
		if (current == null) {
			skipPreamble();
		}
		else {
			current.transferTo(java.io.OutputStream.nullOutputStream());
		}
		if (finished) {
			return null;
		}
		Map<String, String> headers = readHeaders();
		current = new PartStream();
		return new Part(headers, current);
	}

	/** Up to and including the first delimiter line (which may start the body). */
	private void skipPreamble() throws IOException {
		// The first delimiter may come without the CRLF before it.
		in.unread(new byte[] { '\r', '\n' });
		PartStream preamble = new PartStream();
		preamble.transferTo(java.io.OutputStream.nullOutputStream());
	}

	/** After a delimiter: "--" ends the body, else the rest of the line. */
	private void afterDelimiter() throws IOException {
		int a = in.read();
		int b = in.read();
		if (a == '-' && b == '-') {
			finished = true;
			return;
		}
		while (a == ' ' || a == '\t') {
			a = b;
			b = in.read();
		}
		if (a != '\r' || b != '\n') {
			throw new MalformedMultipartException("a multipart delimiter is not followed by a line end");
		}
	}

	private Map<String, String> readHeaders() throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		StringBuilder line = new StringBuilder();
		int read = 0;
		while (true) {
			int c = in.read();
			if (c < 0) {
				throw new MalformedMultipartException("the body ends inside the headers of a part");
			}
			if (++read > MAX_HEADER) {
				throw new MalformedMultipartException("the headers of a part exceed " + MAX_HEADER + " bytes");
			}
			if (c == '\n') {
				String text = line.toString().strip();
				line.setLength(0);
				if (text.isEmpty()) {
					return headers;
				}
				int colon = text.indexOf(':');
				if (colon <= 0) {
					throw new MalformedMultipartException("a part header line has no name");
				}
				headers.put(text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
						text.substring(colon + 1).strip());
			}
			else if (c != '\r') {
				line.append((char) c);
			}
		}
	}

	/** A part's body: bytes up to the next delimiter, which it consumes. */
	private final class PartStream extends InputStream {

		private boolean ended;

		@Override
		public int read() throws IOException {
			if (ended) {
				return -1;
			}
			int c = in.read();
			if (c < 0) {
				throw new MalformedMultipartException("the body ends without its closing delimiter");
			}
			if (c == delimiter[0]) {
				byte[] candidate = new byte[delimiter.length];
				candidate[0] = (byte) c;
				int n = 1 + in.readNBytes(candidate, 1, delimiter.length - 1);
				if (n == delimiter.length && java.util.Arrays.equals(candidate, delimiter)) {
					ended = true;
					afterDelimiter();
					return -1;
				}
				in.unread(candidate, 1, n - 1);
			}
			return c;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			int count = 0;
			while (count < len) {
				int c = read();
				if (c < 0) {
					return count == 0 ? -1 : count;
				}
				b[off + count++] = (byte) c;
				if (in.available() == 0 && count > 0) {
					break;
				}
			}
			return count;
		}

	}

}
