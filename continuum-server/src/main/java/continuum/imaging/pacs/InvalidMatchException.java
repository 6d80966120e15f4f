package continuum.imaging.pacs;

/**
 * A query key's value that cannot be matched: a date, time, number or UID that does not
 * read as its VR. Callers answer in their protocol's form (C-FIND A900, QIDO-RS 400). The
 * message names the key and the form expected, never the value.
 */
public final class InvalidMatchException extends Exception {

	InvalidMatchException(QueryKey key, String expected) {
		super(key.keyword() + " must be " + expected, null, false, false);
	}

}
