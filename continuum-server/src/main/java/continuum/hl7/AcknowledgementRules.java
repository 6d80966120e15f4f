package continuum.hl7;

/**
 * When an enhanced-mode acknowledgement is sent (HL7 v2.5.1 §2.9.3, table 0155): AL
 * always, NE never, ER only when the message failed, SU only when it succeeded. An empty
 * MSH-15 or MSH-16 beside a set one is read as AL, so a sender that asked for enhanced
 * mode always hears of its message.
 */
final class AcknowledgementRules {

	private AcknowledgementRules() {
	}

	static boolean sends(String ackType, boolean success) {
		return switch (ackType.strip()) {
			case "NE" -> false;
			case "ER" -> !success;
			case "SU" -> success;
			default -> true;
		};
	}

}
