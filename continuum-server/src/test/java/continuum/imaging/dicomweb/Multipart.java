package continuum.imaging.dicomweb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A test's own reading of a {@code multipart/related} body (RFC 2046 §5.1), written apart
 * from the server's code so that it checks the format rather than agreeing with itself.
 */
record Multipart(Map<String, String> headers, byte[] body) {

	static List<Multipart> parse(String contentType, byte[] body) {
		String boundary = null;
		for (String param : contentType.split(";")) {
			String p = param.strip();
			if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
				boundary = p.substring(9).replace("\"", "");
			}
		}
		if (boundary == null) {
			throw new AssertionError("no boundary in " + contentType);
		}
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
		List<Multipart> parts = new ArrayList<>();
		int at = indexOf(body, delimiter, 0);
		while (at >= 0) {
			int start = at + delimiter.length;
			if (body[start] == '-' && body[start + 1] == '-') {
				break;
			}
			start += 2;
			int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line : new String(body, start, headersEnd - start, StandardCharsets.US_ASCII).split("\r\n")) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).strip());
			}
			int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
			parts.add(new Multipart(headers, Arrays.copyOfRange(body, headersEnd + 4, next)));
			at = next + 2;
		}
		return parts;
	}

	private static int indexOf(byte[] haystack, byte[] needle, int from) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
