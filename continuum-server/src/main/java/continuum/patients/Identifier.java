package continuum.patients;

import continuum.platform.InvalidInputException;

/**
 * An identifier of a patient in a naming system. Belgian national register numbers are
 * normalised to their 11 digits and must pass their check ({@link NationalNumber}); MRNs
 * must carry a valid check digit ({@link Mrn}).
 */
public record Identifier(String system, String value) {

	/** The naming system of Continuum's medical record numbers. */
	public static final String MRN_SYSTEM = "urn:continuum:mrn";

	/** The Belgian national register number (INSZ/NISS, SSIN). */
	public static final String SSIN_SYSTEM = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin";

	public Identifier {
		if (system == null || system.isBlank() || system.length() > 300) {
			throw new InvalidInputException("An identifier needs a system of at most 300 characters");
		}
		if (value == null || value.isBlank() || value.length() > 100) {
			throw new InvalidInputException("An identifier needs a value of at most 100 characters");
		}
		system = system.strip();
		value = value.strip();
		if (SSIN_SYSTEM.equals(system)) {
			value = NationalNumber.parse(value).digits();
		}
		else if (MRN_SYSTEM.equals(system)) {
			value = Mrn.parse(value).value();
		}
	}

	public static Identifier ssin(String value) {
		return new Identifier(SSIN_SYSTEM, value);
	}

	public static Identifier mrn(String value) {
		return new Identifier(MRN_SYSTEM, value);
	}

	public boolean isMrn() {
		return MRN_SYSTEM.equals(system);
	}

	public boolean isSsin() {
		return SSIN_SYSTEM.equals(system);
	}

}
