package continuum.patients;

import java.util.List;
import java.util.Locale;

/**
 * The coded terms the chart's forms offer as suggestions (the same SNOMED CT substances,
 * ATC drugs and ICD-10 problems as the demo hospital): a term typed exactly as suggested
 * is recorded with its code, anything else as free text.
 */
public final class CommonTerms {

	public static final List<ClinicalCode> SUBSTANCES = DemoCatalog.ALLERGIES.stream()
		.map(DemoCatalog.AllergyKind::substance)
		.toList();

	public static final List<ClinicalCode> DRUGS = DemoCatalog.MEDICATIONS.stream()
		.map(DemoCatalog.MedicationKind::drug)
		.toList();

	public static final List<ClinicalCode> PROBLEMS = DemoCatalog.PROBLEMS;

	private CommonTerms() {
	}

	/**
	 * The term of the list whose text is {@code text} (ignoring case and surrounding
	 * spaces), or {@code text} as free text.
	 */
	public static ClinicalCode code(List<ClinicalCode> terms, String text) {
		String wanted = text.strip().toLowerCase(Locale.ROOT);
		return terms.stream()
			.filter(term -> term.text().toLowerCase(Locale.ROOT).equals(wanted))
			.findFirst()
			.orElseGet(() -> ClinicalCode.text(text.strip()));
	}

}
