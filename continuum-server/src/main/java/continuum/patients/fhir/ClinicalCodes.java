package continuum.patients.fhir;

import java.util.LinkedHashSet;
import java.util.Set;

import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.patients.ClinicalCode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.jspecify.annotations.Nullable;

/** CodeableConcepts and FHIR status codes between our records and R4 resources. */
final class ClinicalCodes {

	private ClinicalCodes() {
	}

	static CodeableConcept concept(ClinicalCode code) {
		CodeableConcept concept = new CodeableConcept().setText(code.text());
		if (code.isCoded()) {
			concept.addCoding(new Coding().setSystem(code.system()).setCode(code.code()));
		}
		return concept;
	}

	/**
	 * The code of a concept: its first coding with system and code, and its text (or that
	 * coding's display).
	 */
	static ClinicalCode code(@Nullable CodeableConcept concept, String element) {
		if (concept == null || concept.isEmpty()) {
			throw new UnprocessableEntityException(element + " is required");
		}
		Coding coding = concept.getCoding().stream().filter(c -> c.hasSystem() && c.hasCode()).findFirst().orElse(null);
		String text = concept.hasText() ? concept.getText() : coding != null && coding.hasDisplay()
				? coding.getDisplay() : coding != null ? coding.getCode() : null;
		if (text == null) {
			throw new UnprocessableEntityException(element + " needs a text or a coding");
		}
		return coding == null ? ClinicalCode.text(text) : new ClinicalCode(coding.getSystem(), coding.getCode(), text);
	}

	static CodeableConcept status(String system, String code) {
		return new CodeableConcept().addCoding(new Coding().setSystem(system).setCode(code));
	}

	/** The code of a status concept from the given system, or null when absent. */
	static @Nullable String status(@Nullable CodeableConcept concept, String system, String element) {
		if (concept == null || concept.isEmpty()) {
			return null;
		}
		for (Coding coding : concept.getCoding()) {
			if (system.equals(coding.getSystem()) && coding.hasCode()) {
				return coding.getCode();
			}
		}
		throw new UnprocessableEntityException(element + " must have a coding from " + system);
	}

	/**
	 * The code of a parsed enumeration, 422 when the parser met a code outside its value
	 * set.
	 */
	static @Nullable String code(Enumeration<?> enumeration, String element) {
		if (enumeration == null || enumeration.isEmpty()) {
			return null;
		}
		if (enumeration.getValue() == null) {
			throw new UnprocessableEntityException(element + " has an unknown code");
		}
		return enumeration.getValueAsString();
	}

	static Set<String> codes(@Nullable TokenOrListParam param) {
		Set<String> codes = new LinkedHashSet<>();
		if (param != null) {
			for (TokenParam token : param.getValuesAsQueryTokens()) {
				if (token.getValue() != null) {
					codes.add(token.getValue());
				}
			}
		}
		return codes;
	}

}
