package continuum.patients;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import continuum.patients.DemoCatalog.Town;

/**
 * Generates the synthetic patients of the demo hospital, deterministically from a seed:
 * Belgian names by language region, national numbers that match birth date and sex,
 * addresses, phones, and a plausible clinical record that grows with age. Nothing here
 * touches the database.
 */
final class DemoPopulation {

	/** Fixed so the same seed gives the same population whatever the day. */
	static final LocalDate REFERENCE_DAY = LocalDate.of(2026, 1, 1);

	/**
	 * One generated patient with the entries of its record (their patient id still
	 * unknown: 1 as a placeholder).
	 */
	record Person(PatientData data, List<Allergy> allergies, List<Medication> medications, List<Problem> problems) {
	}

	private static final PatientId PLACEHOLDER = new PatientId(1);

	private final Random random;

	/**
	 * Draws whether a patient without allergies was asked ("no known allergy"): a
	 * sequence of its own, so that the rest of the population stays as it was generated
	 * before these entries existed.
	 */
	private final Random asked;

	private final Set<String> nationalNumbers = new HashSet<>();

	DemoPopulation(long seed) {
		this.random = new Random(seed);
		this.asked = new Random(seed ^ 0x4e4b41L);
	}

	Person next() {
		double region = random.nextDouble();
		String language;
		List<String> families;
		List<Town> towns;
		if (region < 0.58) {
			language = "nl";
			families = DemoCatalog.DUTCH_FAMILIES;
			towns = DemoCatalog.FLEMISH_TOWNS;
		}
		else if (region < 0.95) {
			language = "fr";
			families = DemoCatalog.FRENCH_FAMILIES;
			towns = DemoCatalog.WALLOON_TOWNS;
		}
		else if (region < 0.98) {
			language = "de";
			families = DemoCatalog.GERMAN_FAMILIES;
			towns = DemoCatalog.GERMAN_TOWNS;
		}
		else {
			language = "en";
			families = random.nextBoolean() ? DemoCatalog.DUTCH_FAMILIES : DemoCatalog.FRENCH_FAMILIES;
			towns = DemoCatalog.WALLOON_TOWNS.subList(9, 13);
		}
		double g = random.nextDouble();
		Gender gender = g < 0.495 ? Gender.MALE : g < 0.99 ? Gender.FEMALE : g < 0.995 ? Gender.OTHER : Gender.UNKNOWN;
		boolean male = gender == Gender.MALE || (gender != Gender.FEMALE && random.nextBoolean());
		List<String> givenPool = givenNames(language, male);
		List<String> given = new ArrayList<>();
		given.add(pick(givenPool));
		if (random.nextDouble() < 0.2) {
			String second = pick(givenPool);
			if (!given.contains(second)) {
				given.add(second);
			}
		}
		int age = (int) (Math.pow(random.nextDouble(), 0.8) * 98);
		LocalDate birthDate = REFERENCE_DAY.minusYears(age).minusDays(random.nextInt(365));
		List<Identifier> identifiers = new ArrayList<>();
		if (random.nextDouble() < 0.93) {
			identifiers.add(Identifier.ssin(nationalNumber(birthDate, male).digits()));
		}
		Town town = pick(towns);
		Address address = new Address(pick(town.streets()) + " " + (1 + random.nextInt(180)), town.postalCode(),
				town.name(), "BE");
		String phone = String.format("+32 47%d %02d %02d %02d", random.nextInt(10), random.nextInt(100),
				random.nextInt(100), random.nextInt(100));
		boolean deceased = age > 60 && random.nextDouble() < 0.03;
		PatientData data = new PatientData(identifiers, pick(families), given, null, birthDate, gender, address, phone,
				null, language, deceased);
		return new Person(data, allergies(birthDate), medications(age), problems(age, birthDate));
	}

	private List<String> givenNames(String language, boolean male) {
		return switch (language) {
			case "nl" -> male ? DemoCatalog.DUTCH_MALE : DemoCatalog.DUTCH_FEMALE;
			case "de" -> male ? DemoCatalog.GERMAN_MALE : DemoCatalog.GERMAN_FEMALE;
			case "fr" -> male ? DemoCatalog.FRENCH_MALE : DemoCatalog.FRENCH_FEMALE;
			default -> random.nextBoolean() ? (male ? DemoCatalog.DUTCH_MALE : DemoCatalog.DUTCH_FEMALE)
					: (male ? DemoCatalog.FRENCH_MALE : DemoCatalog.FRENCH_FEMALE);
		};
	}

	private NationalNumber nationalNumber(LocalDate birthDate, boolean male) {
		while (true) {
			int serial = 1 + random.nextInt(498) * 2 + (male ? 0 : 1);
			NationalNumber number = NationalNumber.of(birthDate, serial);
			if (nationalNumbers.add(number.digits())) {
				return number;
			}
		}
	}

	private List<Allergy> allergies(LocalDate birthDate) {
		List<Allergy> allergies = new ArrayList<>();
		int count = random.nextDouble() < 0.35 ? (random.nextDouble() < 0.25 ? 2 : 1) : 0;
		for (int i = 0; i < count; i++) {
			DemoCatalog.AllergyKind kind = pick(DemoCatalog.ALLERGIES);
			if (allergies.stream().anyMatch(a -> a.substance().equals(kind.substance()))) {
				continue;
			}
			boolean confirmed = random.nextDouble() < 0.8;
			allergies.add(Allergy.of(PLACEHOLDER, kind.substance(), kind.category(), kind.criticality(), "active",
					confirmed ? "confirmed" : "unconfirmed", List.of(kind.reaction()), kind.severity(),
					dateSince(birthDate)));
		}
		if (allergies.isEmpty() && asked.nextDouble() < 0.5) {
			// Half of those without an allergy were asked and said none.
			allergies.add(Allergy.of(PLACEHOLDER, Allergy.NO_KNOWN_ALLERGY, null, null, "active", "confirmed",
					List.of(), null, latest(birthDate, REFERENCE_DAY.minusDays(1 + asked.nextInt(3650)))));
		}
		return allergies;
	}

	private static LocalDate latest(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private List<Medication> medications(int age) {
		List<Medication> medications = new ArrayList<>();
		int count = random.nextInt(age > 60 ? 6 : age > 30 ? 3 : 2);
		for (int i = 0; i < count; i++) {
			DemoCatalog.MedicationKind kind = pick(DemoCatalog.MEDICATIONS);
			if (medications.stream().anyMatch(m -> m.drug().equals(kind.drug()))) {
				continue;
			}
			LocalDate start = REFERENCE_DAY.minusDays(30 + random.nextInt(3000));
			boolean stopped = random.nextDouble() < 0.15;
			medications.add(Medication.of(PLACEHOLDER, kind.drug(), kind.dose(), kind.route(), kind.frequency(),
					stopped ? "completed" : "active", start, stopped ? start.plusDays(7 + random.nextInt(60)) : null));
		}
		return medications;
	}

	private List<Problem> problems(int age, LocalDate birthDate) {
		List<Problem> problems = new ArrayList<>();
		int count = random.nextInt(age > 60 ? 5 : age > 30 ? 3 : 2);
		for (int i = 0; i < count; i++) {
			ClinicalCode code = pick(DemoCatalog.PROBLEMS);
			if (problems.stream().anyMatch(p -> p.code().equals(code))) {
				continue;
			}
			double s = random.nextDouble();
			problems.add(Problem.of(PLACEHOLDER, code, s < 0.8 ? "active" : s < 0.9 ? "remission" : "resolved",
					random.nextDouble() < 0.85 ? "confirmed" : "provisional", dateSince(birthDate)));
		}
		return problems;
	}

	private LocalDate dateSince(LocalDate birthDate) {
		long days = Math.max(1, REFERENCE_DAY.toEpochDay() - birthDate.toEpochDay());
		return birthDate.plusDays((long) (random.nextDouble() * days));
	}

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

}
