package continuum.imaging.dicomweb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A {@code multipart/related} body (RFC 2387) written part by part to the response, so
 * that a study streams from its files without being held in memory.
 */
final class MultipartWriter {

	private final OutputStream out;

	private final String boundary = UUID.randomUUID().toString();

	MultipartWriter(OutputStream out) {
		this.out = out;
	}

	/** The response's Content-Type for parts of this type. */
	String contentType(String partType) {
		return "multipart/related; type=\"" + partType + "\"; boundary=" + boundary;
	}

	void part(String contentType, byte[] body) throws IOException {
		head(contentType, null);
		out.write(body);
		out.write(crlf());
	}

	void part(String contentType, Path file, String location) throws IOException {
		head(contentType, location);
		Files.copy(file, out);
		out.write(crlf());
	}

	void finish() throws IOException {
		out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private void head(String contentType, String location) throws IOException {
		StringBuilder head = new StringBuilder("--").append(boundary).append("\r\nContent-Type: ").append(contentType);
		if (location != null) {
			head.append("\r\nContent-Location: ").append(location);
		}
		head.append("\r\n\r\n");
		out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] crlf() {
		return new byte[] { '\r', '\n' };
	}

}
