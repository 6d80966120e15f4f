package continuum.resilience;

import java.net.http.HttpResponse;
import java.util.Optional;

import continuum.resilience.Attempt.Outcome;

/**
 * Reads a FHIR write's answer the way a careful client does, by the contract in
 * {@code docs/operations.md} ("Behaviour during a failover"): an acknowledged write, a
 * clear refusal (nothing written), an unknown outcome (retry with the same key), or a
 * defect.
 */
final class OutageAnswers {

	private OutageAnswers() {
	}

	static Outcome classify(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status == 200 || status == 201) {
			return Outcome.ACKNOWLEDGED;
		}
		if (!isOperationOutcome(response)) {
			return Outcome.BAD;
		}
		if (status == 503) {
			if (response.headers().firstValue("Retry-After").isEmpty()) {
				return Outcome.BAD;
			}
			return unknownOutcome(response) ? Outcome.UNKNOWN : Outcome.REFUSED;
		}
		// A slot another client took first, a version moved on: refused, nothing written.
		if (status == 409 || status == 412 || status == 422) {
			return Outcome.REFUSED;
		}
		return Outcome.BAD;
	}

	/** Whether a 503 says the write may or may not have been committed. */
	static boolean unknownOutcome(HttpResponse<String> response) {
		return response.headers().firstValue("Continuum-Write-Outcome").map("unknown"::equalsIgnoreCase).orElse(false);
	}

	static boolean isOperationOutcome(HttpResponse<String> response) {
		String body = response.body();
		return body != null && body.replace(" ", "").contains("\"resourceType\":\"OperationOutcome\"");
	}

	/**
	 * The logical id in a create's {@code Location} ({@code [base/]Type/id[/_history/v]},
	 * absolute or relative), or in its body; null when the answer names none.
	 */
	static String createdId(HttpResponse<String> response) {
		Optional<String> location = response.headers().firstValue("Location");
		if (location.isPresent()) {
			String[] parts = location.get().split("/");
			int history = java.util.Arrays.asList(parts).indexOf("_history");
			int id = history > 0 ? history - 1 : parts.length - 1;
			if (id >= 1 && !parts[id].isEmpty()) {
				return parts[id];
			}
		}
		String body = response.body();
		int at = body == null ? -1 : body.indexOf("\"id\":\"");
		return at < 0 ? null : body.substring(at + 6, body.indexOf('"', at + 6));
	}

}
