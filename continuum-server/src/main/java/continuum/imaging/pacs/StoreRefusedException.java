package continuum.imaging.pacs;

import org.continuum.dicom.net.Status;

/**
 * An object the PACS will not store, with the C-STORE status that says why (PS3.4
 * §B.2.3); nothing of it is kept.
 */
final class StoreRefusedException extends Exception {

	private final Status status;

	private StoreRefusedException(Status status, String comment) {
		super(comment, null, false, false);
		this.status = status;
	}

	/** A900: a Type 1 attribute the object's IOD requires is missing or malformed. */
	static StoreRefusedException dataSetDoesNotMatch(String comment) {
		return new StoreRefusedException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, comment);
	}

	/** C000: the object cannot be read, or contradicts its own command. */
	static StoreRefusedException cannotUnderstand(String comment) {
		return new StoreRefusedException(Status.CANNOT_UNDERSTAND, comment);
	}

	Status status() {
		return status;
	}

}
