package continuum.hl7;

/**
 * Where an error is in a message, as ERR-2 (data type ERL, HL7 v2.5.1 §2.A.25): the
 * segment id, its sequence among segments of that id (from 1), the field and the
 * component (0 when the error concerns the whole segment or field).
 */
public record ErrorLocation(String segment, int sequence, int field, int component) {

	public ErrorLocation {
		if (!segment.matches("[A-Z][A-Z0-9]{2}") || sequence < 1 || field < 0 || component < 0) {
			throw new IllegalArgumentException(
					"Not an error location: " + segment + "^" + sequence + "^" + field + "^" + component);
		}
	}

	/** A whole segment. */
	public static ErrorLocation segment(String segment, int sequence) {
		return new ErrorLocation(segment, sequence, 0, 0);
	}

	/** A field of the first segment of that id. */
	public static ErrorLocation field(String segment, int field) {
		return new ErrorLocation(segment, 1, field, 0);
	}

	/** ERR-2 as encoded with the standard encoding characters. */
	String encode() {
		StringBuilder erl = new StringBuilder(segment).append('^').append(sequence);
		if (field > 0) {
			erl.append('^').append(field);
			if (component > 0) {
				erl.append("^1^").append(component);
			}
		}
		return erl.toString();
	}

	@Override
	public String toString() {
		return encode();
	}

}
