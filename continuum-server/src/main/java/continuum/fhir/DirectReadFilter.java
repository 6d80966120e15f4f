package continuum.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET /fhir/[type]/[id]} for the {@link DirectRead} types, after Spring
 * Security has authenticated the caller (so its security headers and refusals apply as to
 * any request), without HAPI's request dispatch and resource encoder. Only the plain case
 * is taken: no query, JSON or no preference asked, no conditional or request-id header, a
 * found resource; everything else goes on to HAPI unchanged. Headers are those HAPI sends
 * for a read.
 */
class DirectReadFilter extends OncePerRequestFilter {

	private static final String CONTENT_TYPE = "application/fhir+json;charset=UTF-8";

	/**
	 * HTTP's IMF-fixdate (RFC 9110 §5.6.7): a two-digit day, always GMT. Java's
	 * {@code RFC_1123_DATE_TIME} writes single-digit days as one digit, which HTTP does
	 * not allow and HAPI does not send.
	 */
	static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final Map<String, DirectRead> reads;

	private final FhirServer server;

	DirectReadFilter(List<DirectRead> reads, FhirServer server) {
		this.reads = reads.stream().collect(Collectors.toMap(DirectRead::resourceType, Function.identity()));
		this.server = server;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Target target = target(request);
		Optional<DirectRead.Found> found;
		try {
			found = target == null ? Optional.empty() : target.read().read(target.id());
		}
		catch (AccessDeniedException ex) {
			// Refused (and audited) by the service: the OperationOutcome says why (for a
			// restricted record, how to break the glass), as HAPI's path would.
			byte[] body = OperationOutcomeJson.of("forbidden", ex.getMessage());
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			return;
		}
		if (found.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		DirectRead.Found resource = found.get();
		byte[] body = target.gzip() ? gzip(resource.json()) : resource.json();
		String base = request.getRequestURL().toString();
		base = base.substring(0, base.length() - request.getPathInfo().length());
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader("ETag", "W/\"" + resource.versionId() + "\"");
		response.setHeader("X-Request-ID", server.nextRequestId());
		response.setHeader("Content-Location",
				base + "/" + target.read().resourceType() + "/" + target.id() + "/_history/" + resource.versionId());
		response.setHeader("Last-Modified", HTTP_DATE.format(resource.lastUpdated()));
		response.setContentType(CONTENT_TYPE);
		if (target.gzip()) {
			response.setHeader("Content-Encoding", "gzip");
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static byte[] gzip(byte[] json) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 2 + 64);
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(json);
		}
		return bytes.toByteArray();
	}

	/** The type and id of a plain JSON read this filter answers, or null. */
	@Nullable Target target(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || request.getQueryString() != null || !jsonAccepted(request)
				|| request.getHeader("If-None-Match") != null || request.getHeader("If-Modified-Since") != null
				|| request.getHeader("X-Request-ID") != null) {
			return null;
		}
		String path = request.getPathInfo();
		int slash = path == null ? -1 : path.indexOf('/', 1);
		if (slash < 0 || path.indexOf('/', slash + 1) >= 0) {
			return null;
		}
		DirectRead read = reads.get(path.substring(1, slash));
		String id = path.substring(slash + 1);
		Boolean gzip = gzipAccepted(request.getHeader("Accept-Encoding"));
		return read == null || !isLogicalId(id) || gzip == null ? null : new Target(read, id, gzip);
	}

	/**
	 * Whether to compress, as HAPI decides it: when {@code gzip} is one of the listed
	 * codings. Null (leave the request to HAPI) for a list with parameters such as
	 * q-values, which that rule does not weigh.
	 */
	private static @Nullable Boolean gzipAccepted(@Nullable String acceptEncoding) {
		if (acceptEncoding == null) {
			return false;
		}
		if (acceptEncoding.indexOf(';') >= 0) {
			return null;
		}
		for (String coding : acceptEncoding.split(",")) {
			if (coding.trim().equals("gzip")) {
				return true;
			}
		}
		return false;
	}

	/** FHIR's id rule: 1 to 64 of A-Z, a-z, 0-9, '-' and '.'. */
	private static boolean isLogicalId(String id) {
		if (id.isEmpty() || id.length() > 64) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	private static boolean jsonAccepted(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept == null || accept.equals("application/fhir+json") || accept.equals("*/*");
	}

	record Target(DirectRead read, String id, boolean gzip) {
	}

}
