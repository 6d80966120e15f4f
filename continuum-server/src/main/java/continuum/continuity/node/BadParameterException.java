package continuum.continuity.node;

/**
 * A query parameter of the downtime API that is not what the protocol allows (a negative
 * position, a limit out of range, an unknown type): a 400 problem naming it.
 */
class BadParameterException extends RuntimeException {

	BadParameterException(String message) {
		super(message);
	}

}
