package continuum.imaging.dicomweb;

import org.springframework.http.HttpStatus;

/**
 * A DICOMweb request refused with a 4xx status of its own (PS3.18 §8.7.3: 400 for a bad
 * query key or value, 406 for an Accept the origin server cannot honour, 413, 415); the
 * message says what was wrong, never quoting patient data.
 */
class DicomWebException extends RuntimeException {

	private final HttpStatus status;

	DicomWebException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	HttpStatus status() {
		return status;
	}

	static DicomWebException badRequest(String message) {
		return new DicomWebException(HttpStatus.BAD_REQUEST, message);
	}

	static DicomWebException notAcceptable(String message) {
		return new DicomWebException(HttpStatus.NOT_ACCEPTABLE, message);
	}

}
