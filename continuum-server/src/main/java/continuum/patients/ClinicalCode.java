package continuum.patients;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What a clinical entry is about: free text, optionally coded (SNOMED CT, ATC, ICD-10
 * ...).
 */
public record ClinicalCode(@Nullable String system, @Nullable String code, String text) {

	public ClinicalCode {
		text = PatientData.required(text, "text of the code", 300);
		system = PatientData.optional(system, "code system", 300);
		code = PatientData.optional(code, "code", 100);
		if ((system == null) != (code == null)) {
			throw new InvalidInputException("A code needs both its system and its value");
		}
	}

	public static ClinicalCode text(String text) {
		return new ClinicalCode(null, null, text);
	}

	public boolean isCoded() {
		return code != null;
	}

}
