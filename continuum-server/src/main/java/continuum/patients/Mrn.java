package continuum.patients;

import continuum.platform.InvalidInputException;

/**
 * A medical record number: seven digits drawn from a database sequence followed by one
 * Luhn (ISO/IEC 7812-1 mod 10) check digit, eight digits in all. The Luhn digit catches
 * every single-digit typo and most adjacent transpositions at the registration desk.
 * Algorithm: from the rightmost payload digit leftwards, double every other digit
 * (starting with the rightmost), subtract 9 from doubles above 9, sum everything; the
 * check digit is {@code (10 - sum % 10) % 10}.
 */
public record Mrn(String value) {

	public Mrn {
		if (value == null || !value.matches("\\d{8}") || checkDigit(value.substring(0, 7)) != value.charAt(7) - '0') {
			throw new InvalidInputException("An MRN is eight digits with a valid check digit");
		}
	}

	public static Mrn parse(String text) {
		return new Mrn(text == null ? "" : text.strip());
	}

	/** The MRN for a sequence number between 1,000,000 and 9,999,999. */
	public static Mrn fromSequence(long number) {
		if (number < 1_000_000 || number > 9_999_999) {
			throw new IllegalArgumentException("MRN sequence exhausted at " + number);
		}
		String payload = Long.toString(number);
		return new Mrn(payload + checkDigit(payload));
	}

	public static boolean isValid(String text) {
		return text != null && text.matches("\\d{8}") && checkDigit(text.substring(0, 7)) == text.charAt(7) - '0';
	}

	static int checkDigit(String payload) {
		int sum = 0;
		boolean twice = true;
		for (int i = payload.length() - 1; i >= 0; i--) {
			int digit = payload.charAt(i) - '0';
			if (twice) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			twice = !twice;
		}
		return (10 - sum % 10) % 10;
	}

	@Override
	public String toString() {
		return value;
	}

}
