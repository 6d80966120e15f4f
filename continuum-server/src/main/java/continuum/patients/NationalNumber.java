package continuum.patients;

import java.time.LocalDate;

import continuum.platform.InvalidInputException;

/**
 * A Belgian national register number (rijksregisternummer / numéro de registre national):
 * {@code YYMMDD} birth date, a three-digit serial that is odd for men and even for women,
 * and two check digits equal to {@code 97 - (first nine digits mod 97)}; for people born
 * from 2000 on, the digit 2 is put in front of the nine digits before taking the
 * remainder. Accepts the usual punctuation ({@code 85.07.30-033.28}).
 */
public record NationalNumber(String digits) {

	public NationalNumber {
		if (digits == null || !digits.matches("\\d{11}") || !checks(digits)) {
			throw new InvalidInputException("A national register number is 11 digits with a valid mod-97 check");
		}
	}

	public static NationalNumber parse(String text) {
		return new NationalNumber(text == null ? "" : text.replaceAll("[\\s.\\-]", ""));
	}

	public static boolean isValid(String text) {
		if (text == null) {
			return false;
		}
		String digits = text.replaceAll("[\\s.\\-]", "");
		return digits.matches("\\d{11}") && checks(digits);
	}

	/**
	 * The number of someone born on the date with the serial (1–997; odd for men, even
	 * for women).
	 */
	public static NationalNumber of(LocalDate birthDate, int serial) {
		if (serial < 1 || serial > 997) {
			throw new IllegalArgumentException("serial " + serial + " out of range");
		}
		String first = String.format("%02d%02d%02d%03d", birthDate.getYear() % 100, birthDate.getMonthValue(),
				birthDate.getDayOfMonth(), serial);
		long base = Long.parseLong(first) + (birthDate.getYear() >= 2000 ? 2_000_000_000L : 0);
		return new NationalNumber(first + String.format("%02d", 97 - base % 97));
	}

	private static boolean checks(String digits) {
		long first = Long.parseLong(digits.substring(0, 9));
		int check = Integer.parseInt(digits.substring(9));
		return check == 97 - first % 97 || check == 97 - (2_000_000_000L + first) % 97;
	}

	/** The formatted number, {@code YY.MM.DD-SSS.CC}. */
	public String formatted() {
		return digits.substring(0, 2) + "." + digits.substring(2, 4) + "." + digits.substring(4, 6) + "-"
				+ digits.substring(6, 9) + "." + digits.substring(9);
	}

}
