package continuum.hl7;

/** Test messages as ER7 text. */
final class Hl7Messages {

	private Hl7Messages() {
	}

	/** A ZZT^Z01 of sender ANALYZER/LAB with this control id and ZZT-1 action. */
	static String zzt(String controlId, String action) {
		return zzt(controlId, action, "", "");
	}

	/** A ZZT^Z01 with MSH-15 and MSH-16 (enhanced mode when either is set). */
	static String zzt(String controlId, String action, String acceptAck, String applicationAck) {
		return "MSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206101500||ZZT^Z01|" + controlId + "|P|2.5.1|||" + acceptAck
				+ "|" + applicationAck + "\rPID|1||MRN" + controlId + "^^^HOSP^MR~N" + controlId + "^^^NISS^NN\rZZT|"
				+ action + "|\r";
	}

	/** A ZZT^Z01 whose handler reports this patient. */
	static String zztFor(String controlId, String action, String patientId) {
		return "MSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206101500||ZZT^Z01|" + controlId + "|P|2.5.1\rPID|1||MRN"
				+ controlId + "^^^HOSP^MR\rZZT|" + action + "|" + patientId + "\r";
	}

	/** MSA-1 of a response. */
	static String ackCode(String response) {
		return AckReading.of(response).code();
	}

	/** The ERR segment of a response, or "". */
	static String err(String response) {
		for (String segment : response.split("\r")) {
			if (segment.startsWith("ERR|")) {
				return segment;
			}
		}
		return "";
	}

}
