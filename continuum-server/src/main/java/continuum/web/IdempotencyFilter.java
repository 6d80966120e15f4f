package continuum.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import continuum.fhir.OperationOutcomeJson;
import continuum.platform.DatabaseFailure;
import continuum.platform.RequestTooLargeException;
import continuum.web.IdempotencyRepository.StoredOutcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes a FHIR write carrying an {@code Idempotency-Key} header safe to retry. The whole
 * request runs in one database transaction, which the module services join; the key, the
 * request's fingerprint and the answer's status and resource headers are written in it
 * just before it commits, and the answer reaches the client only after the commit. So the
 * key exists exactly when the write does, whatever fails and whenever: a retry under a
 * known key answers as the first request did without writing again; a key that is not
 * there means the first request did not commit, and the retry runs. The key belongs to
 * the signed-in principal; a second request under it waits for the first (advisory lock).
 * Only successes (2xx) are kept: a refused request wrote nothing. The contract is in
 * docs/operations.md, "Behaviour during a failover".
 */
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final IdempotencyRepository keys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	IdempotencyFilter(IdempotencyRepository keys, PlatformTransactionManager transactions, Clock clock) {
		this.keys = keys;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHeader(HEADER) == null || !DatabaseFailure.isWrite(request.getMethod())
				|| request.getRemoteUser() == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (!wellFormed(key)) {
			ErrorBodies.write(response, ErrorBodies.Door.FHIR, 400,
					"The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
			return;
		}
		byte[] body;
		try {
			body = request.getInputStream().readAllBytes();
		}
		catch (RequestTooLargeException ex) {
			ErrorBodies.write(response, ErrorBodies.Door.FHIR, 413, ex.getMessage());
			return;
		}
		String principal = request.getRemoteUser();
		byte[] fingerprint = fingerprint(request, body);
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		Optional<StoredOutcome> earlier;
		try {
			earlier = transactions.execute(status -> {
				keys.lock(principal, key);
				Optional<StoredOutcome> stored = keys.find(principal, key);
				if (stored.isPresent()) {
					return stored;
				}
				proceed(chain, new BufferedBody(request, body), buffered);
				if (buffered.getStatus() >= 200 && buffered.getStatus() < 300) {
					keys.insert(principal, key, outcome(fingerprint, buffered), clock.instant());
				}
				else {
					status.setRollbackOnly();
				}
				return Optional.<StoredOutcome>empty();
			});
		}
		catch (ChainFailure ex) {
			throw ex.unwrap();
		}
		if (earlier == null || earlier.isEmpty()) {
			buffered.copyBodyToResponse();
		}
		else if (!Arrays.equals(earlier.get().fingerprint(), fingerprint)) {
			response.reset();
			ErrorBodies.write(response, ErrorBodies.Door.FHIR, 422, "This Idempotency-Key was used for another "
					+ "request (method, URL, conditional headers or body differ); use a new key for a new request.");
		}
		else {
			replay(earlier.get(), response);
		}
	}

	private static void proceed(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException ex) {
			throw new ChainFailure(ex);
		}
	}

	/**
	 * The first request's status and the headers that name what it wrote, with an
	 * OperationOutcome (the resource itself is read at its location, audited as any
	 * read).
	 */
	private static void replay(StoredOutcome outcome, HttpServletResponse response) throws IOException {
		response.reset();
		response.setStatus(outcome.status());
		header(response, "Location", outcome.location());
		header(response, "Content-Location", outcome.contentLocation());
		header(response, "ETag", outcome.etag());
		header(response, "Last-Modified", outcome.lastModified());
		response.setHeader(REPLAYED, "true");
		if (outcome.status() == 204) {
			return;
		}
		String where = outcome.location() != null ? outcome.location() : outcome.contentLocation();
		byte[] body = OperationOutcomeJson.of("information", "informational",
				"This request was processed earlier under the same Idempotency-Key"
						+ (where == null ? "." : "; the resource is at " + where + "."));
		response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static void header(HttpServletResponse response, String name, @Nullable String value) {
		if (value != null) {
			response.setHeader(name, value);
		}
	}

	private static StoredOutcome outcome(byte[] fingerprint, ContentCachingResponseWrapper response) {
		return new StoredOutcome(fingerprint, response.getStatus(), response.getHeader("Location"),
				response.getHeader("Content-Location"), response.getHeader("ETag"),
				response.getHeader("Last-Modified"));
	}

	static boolean wellFormed(String key) {
		if (key.isEmpty() || key.length() > 255) {
			return false;
		}
		return key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
	}

	/**
	 * What makes two requests the same request: method, path and query, the conditional
	 * headers, and the body.
	 */
	private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : new String[] { request.getMethod(), request.getRequestURI(),
					String.valueOf(request.getQueryString()), String.valueOf(request.getHeader("If-Match")),
					String.valueOf(request.getHeader("If-None-Exist")),
					String.valueOf(request.getHeader("If-None-Match")) }) {
				byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
				digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
				digest.update((byte) ':');
				digest.update(bytes);
			}
			digest.update(body);
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** The request with its body read once, for the fingerprint, and served again. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					// The body is in memory: all of it is available at once.
					try {
						if (!isFinished()) {
							listener.onDataAvailable();
						}
						listener.onAllDataRead();
					}
					catch (IOException ex) {
						listener.onError(ex);
					}
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
		}

	}

	/** A checked failure of the filter chain, carried out of the transaction callback. */
	private static final class ChainFailure extends RuntimeException {

		private final Exception failure;

		ChainFailure(Exception failure) {
			super(failure);
			this.failure = failure;
		}

		IOException unwrap() throws ServletException {
			if (failure instanceof ServletException servlet) {
				throw servlet;
			}
			return (IOException) failure;
		}

	}

}
