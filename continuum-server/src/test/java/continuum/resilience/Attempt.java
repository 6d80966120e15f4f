package continuum.resilience;

/**
 * One write a load client attempted while a fault was injected, and what it learned of
 * its fate. The key is both the write's {@code Idempotency-Key} and the mark it leaves in
 * the data (a patient identifier, an allergy's substance, an appointment's comment), so
 * that the checks can count it in the database.
 */
record Attempt(Kind kind, String key, Outcome outcome, int status, String resourceId, long sentNanos,
		long answeredNanos) {

	enum Kind {

		PATIENT, ALLERGY, BOOKING

	}

	enum Outcome {

		/** 200/201: the server said the write is durable. */
		ACKNOWLEDGED,

		/**
		 * A clear refusal (503 with an OperationOutcome saying nothing was written, a 409
		 * on a slot taken by another client): the write must be absent.
		 */
		REFUSED,

		/**
		 * The client cannot know: a 503 saying the outcome is unknown, or a response lost
		 * after the request was sent. Retried with the same key until it is known.
		 */
		UNKNOWN,

		/** The request never reached a server (connection refused): nothing written. */
		NOT_SENT,

		/** Anything else (a 500, an error without an OperationOutcome): a defect. */
		BAD

	}

}
