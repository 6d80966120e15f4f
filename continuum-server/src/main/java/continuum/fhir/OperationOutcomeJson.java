package continuum.fhir;

import java.nio.charset.StandardCharsets;

/**
 * A one-issue OperationOutcome as FHIR JSON, for the answers written outside HAPI: the
 * servlet filters before the FHIR server, the container's own refusals and the error page
 * of {@code /fhir} paths. The diagnostics say what was wrong with the request, never what
 * failed inside the server.
 */
public final class OperationOutcomeJson {

	/** Its media type, as HAPI sends it. */
	public static final String CONTENT_TYPE = "application/fhir+json;charset=UTF-8";

	private OperationOutcomeJson() {
	}

	/**
	 * @param code the issue type (FHIR value set {@code issue-type}: {@code invalid},
	 * {@code too-long}, {@code exception} ...)
	 */
	public static byte[] of(String code, String diagnostics) {
		return of("error", code, diagnostics);
	}

	/**
	 * @param severity the severity ({@code error}, {@code information} ...)
	 * @param code the issue type
	 */
	public static byte[] of(String severity, String code, String diagnostics) {
		StringBuilder json = new StringBuilder(128 + diagnostics.length());
		json.append("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"");
		escape(severity, json);
		json.append("\",\"code\":\"");
		escape(code, json);
		json.append("\",\"diagnostics\":\"");
		escape(diagnostics, json);
		json.append("\"}]}");
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The text as the contents of a JSON string: quotes, backslashes and control
	 * characters escaped (RFC 8259 §7).
	 */
	public static String escaped(String text) {
		StringBuilder json = new StringBuilder(text.length() + 16);
		escape(text, json);
		return json.toString();
	}

	private static void escape(String text, StringBuilder json) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
	}

}
