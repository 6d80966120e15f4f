package continuum.patients;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds patient data whose names no other test or demo patient shares, so tests can run
 * in one shared context.
 */
final class TestPatients {

	private static final AtomicInteger counter = new AtomicInteger();

	private static final String LETTERS = "bcdfghjklmnpqrstvwxz";

	private TestPatients() {
	}

	/**
	 * A word of consonants unique to this JVM run, e.g. {@code qzbx}, usable as a name
	 * fragment.
	 */
	static String uniqueWord() {
		int n = counter.incrementAndGet() + (int) (System.nanoTime() % 10_000) * 1000;
		StringBuilder sb = new StringBuilder("q");
		while (n > 0) {
			sb.append(LETTERS.charAt(n % LETTERS.length()));
			n /= LETTERS.length();
		}
		return sb.toString();
	}

	static PatientData data(String family, String... given) {
		return new PatientData(List.of(), family, List.of(given), null, LocalDate.of(1985, 7, 30), Gender.FEMALE,
				new Address("Kerkstraat 1", "9000", "Gent", "BE"), "+32 470 00 00 00", null, "nl", false);
	}

	/** A valid national number that no demo patient has (demo serials stay below 998). */
	static String nationalNumber(LocalDate birthDate) {
		return NationalNumber.of(birthDate, 1 + (counter.incrementAndGet() % 997)).digits();
	}

}
