package continuum.fhir;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ca.uhn.fhir.rest.api.server.IRestfulResponse;
import org.jspecify.annotations.Nullable;

/**
 * What HAPI answers to one Bundle entry, kept instead of sent: the status, the headers
 * and the body it writes, which the Bundle's response then carries.
 */
final class CapturedResponse implements IRestfulResponse {

	private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	private @Nullable StringWriter text;

	private @Nullable ByteArrayOutputStream bytes;

	private int status;

	@Override
	public Writer getResponseWriter(int statusCode, String contentType, String charset, boolean respondGzip) {
		status = statusCode;
		text = new StringWriter();
		return text;
	}

	@Override
	public OutputStream getResponseOutputStream(int statusCode, String contentType, Integer contentLength) {
		status = statusCode;
		bytes = new ByteArrayOutputStream();
		return bytes;
	}

	@Override
	public @Nullable Object commitResponse(Closeable stream) {
		return null;
	}

	@Override
	public void addHeader(String name, String value) {
		headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
	}

	@Override
	public Map<String, List<String>> getHeaders() {
		return headers;
	}

	/** The status written, or 0 when HAPI wrote nothing (a delete without outcome). */
	int status() {
		return status;
	}

	@Nullable String header(String name) {
		List<String> values = headers.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/** The body written, or null. */
	@Nullable String body() {
		if (text != null && text.getBuffer().length() > 0) {
			return text.toString();
		}
		if (bytes != null && bytes.size() > 0) {
			return bytes.toString(StandardCharsets.UTF_8);
		}
		return null;
	}

}
