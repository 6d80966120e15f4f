package continuum.hl7;

/**
 * The MSA of an acknowledgement a peer sent back (HL7 v2.5.1 §2.14.1): its code, the
 * control id it answers and its text. AA and CA mean the peer took the message.
 */
record AckReading(String code, String controlId, String text) {

	static AckReading of(String response) {
		for (String segment : InboundReceiver.segments(response).split("\r")) {
			if (segment.length() > 4 && segment.startsWith("MSA")) {
				String[] fields = segment.split(java.util.regex.Pattern.quote(segment.substring(3, 4)), -1);
				return new AckReading(fields.length > 1 ? fields[1].strip() : "",
						fields.length > 2 ? fields[2].strip() : "", fields.length > 3 ? fields[3].strip() : "");
			}
		}
		return new AckReading("", "", "no MSA segment");
	}

	boolean accepted() {
		return code.equals("AA") || code.equals("CA");
	}

}
