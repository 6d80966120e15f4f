package continuum.continuity.node;

/** A node shipped more audit entries at once than the protocol allows: a 413. */
class ShipmentTooLargeException extends RuntimeException {

	ShipmentTooLargeException(String message) {
		super(message);
	}

}
