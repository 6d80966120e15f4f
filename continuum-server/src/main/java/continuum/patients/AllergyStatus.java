package continuum.patients;

import java.util.List;

/**
 * What a list (a ward's census) shows of one patient's allergies: those that hold now,
 * and whether the patient was asked and said none ("no known allergy"). No allergy and
 * not asked means: ask.
 */
public record AllergyStatus(List<Allergy> current, boolean noneKnown) {

	public static final AllergyStatus NOT_ASKED = new AllergyStatus(List.of(), false);

	public AllergyStatus {
		current = List.copyOf(current);
	}

	/** Whether an allergy of high criticality holds. */
	public boolean highRisk() {
		return current.stream().anyMatch(Allergy::isHighRisk);
	}

	/** Whether nobody has asked the patient yet. */
	public boolean notAsked() {
		return current.isEmpty() && !noneKnown;
	}

}
