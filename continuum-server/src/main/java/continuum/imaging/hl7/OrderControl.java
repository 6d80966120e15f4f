package continuum.imaging.hl7;

import org.jspecify.annotations.Nullable;

/**
 * The order control codes of HL7 table 0119 that a filler answers a placer's request with
 * (v2.5.1 §4.5.1.1): new order (NW) accepted {@code OK} or not {@code UA}; change (XO)
 * {@code XR} or {@code UX}; cancel (CA) {@code CR} or {@code UC}; discontinue (DC)
 * {@code DR} or {@code UD}.
 */
final class OrderControl {

	private OrderControl() {
	}

	/** The answer to a request that was done. */
	static String done(String request) {
		return switch (request) {
			case "NW" -> "OK";
			case "XO" -> "XR";
			case "CA" -> "CR";
			case "DC" -> "DR";
			default -> throw new IllegalArgumentException("Not an order control code we fill: " + request);
		};
	}

	/** The answer to a request that was refused; null for a code we do not take. */
	static @Nullable String unableTo(String request) {
		return switch (request) {
			case "NW" -> "UA";
			case "XO" -> "UX";
			case "CA" -> "UC";
			case "DC" -> "UD";
			default -> null;
		};
	}

}
