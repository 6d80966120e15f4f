package continuum.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests written byte for byte on a socket, for what HTTP client libraries refuse to
 * send (an encoded slash, a NUL, an oversize header) and what the container must judge.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends the request head as given (with {@code Connection: close}) and reads it all.
	 */
	static Answer send(int port, String requestLine, String... headers) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
			for (String header : headers) {
				head.append(header).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(all);
			return Answer.parse(all.toByteArray());
		}
	}

	/** A response as received: status code, head, body (chunk framing left in). */
	record Answer(int status, String head, String body) {

		static Answer parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String head = end < 0 ? text : text.substring(0, end);
			return new Answer(Integer.parseInt(head.substring(9, 12)), head, end < 0 ? "" : text.substring(end + 4));
		}

		String contentType() {
			for (String line : head.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
					return line.substring(13).strip();
				}
			}
			return "";
		}

	}

}
