package continuum.fhir;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HAPI's plain FHIR server with cheaper request ids. HAPI draws each {@code X-Request-ID}
 * from a secure random source, which showed in the profile of every read; an id only has
 * to tell requests apart in logs, so it is this node's random prefix and a counter.
 */
class FhirServer extends RestfulServer {

	private static final long serialVersionUID = 1L;

	private final String node = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);

	private final AtomicLong sequence = new AtomicLong();

	FhirServer(FhirContext context) {
		super(context);
	}

	@Override
	protected String newRequestId(int length) {
		return nextRequestId();
	}

	/**
	 * A new request id, for responses written outside HAPI ({@link DirectReadFilter}).
	 */
	String nextRequestId() {
		return node + "-" + Long.toString(sequence.incrementAndGet(), 36);
	}

	/**
	 * No {@code X-Powered-By}: HAPI would name itself and its exact version on every
	 * response, which tells a scanner which published flaws to try and tells a client
	 * nothing it needs.
	 */
	@Override
	public void addHeadersToResponse(HttpServletResponse response) {
	}

}
