package continuum.patients.fhir;

import java.util.LinkedHashSet;
import java.util.Set;

import ca.uhn.fhir.rest.param.HasAndListParam;
import ca.uhn.fhir.rest.param.HasOrListParam;
import ca.uhn.fhir.rest.param.HasParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalQuery;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientId;

/**
 * {@code _has} on Patient (FHIR R4 search.html 3.1.1.5.8, reverse chaining) over the
 * clinical record: {@code _has:AllergyIntolerance:patient:code=...} finds the patients
 * with a matching allergy, and likewise for Condition and MedicationStatement, by
 * {@code code} or by status. Each {@code _has} parameter must hold (AND); values of one
 * parameter are alternatives (OR).
 */
final class PatientReverseChains {

	/** More patients than this in one reverse chain is refused: narrow the search. */
	static final int LIMIT = 10_000;

	private final ClinicalRecordService clinical;

	PatientReverseChains(ClinicalRecordService clinical) {
		this.clinical = clinical;
	}

	/** The patients every {@code _has} parameter finds. */
	Set<Long> patients(HasAndListParam has) {
		Set<Long> result = null;
		for (HasOrListParam or : has.getValuesAsQueryTokens()) {
			Set<Long> any = new LinkedHashSet<>();
			for (HasParam one : or.getValuesAsQueryTokens()) {
				any.addAll(patients(one));
			}
			if (result == null) {
				result = any;
			}
			else {
				result.retainAll(any);
			}
		}
		return result == null ? Set.of() : result;
	}

	private Set<Long> patients(HasParam has) {
		ClinicalKind<?> kind = switch (has.getTargetResourceType()) {
			case "AllergyIntolerance" -> ClinicalKind.ALLERGIES;
			case "Condition" -> ClinicalKind.PROBLEMS;
			case "MedicationStatement" -> ClinicalKind.MEDICATIONS;
			default -> throw new InvalidRequestException("_has:" + has.getTargetResourceType()
					+ " is not supported on Patient (served: AllergyIntolerance, Condition, MedicationStatement)");
		};
		if (!"patient".equals(has.getReferenceFieldName())) {
			throw new InvalidRequestException("_has:" + has.getTargetResourceType() + ":" + has.getReferenceFieldName()
					+ " is not supported: the reference must be patient");
		}
		String status = kind == ClinicalKind.MEDICATIONS ? "status" : "clinical-status";
		String value = has.getParameterValue();
		ClinicalQuery query;
		if ("code".equals(has.getParameterName())) {
			int bar = value.indexOf('|');
			String system = bar <= 0 ? null : value.substring(0, bar);
			query = new ClinicalQuery(null, Set.of(), null, null, 0, 0, Set.of(), system,
					bar < 0 ? value : value.substring(bar + 1), continuum.fhir.SearchControls.NONE);
		}
		else if (status.equals(has.getParameterName())) {
			query = new ClinicalQuery(null, Set.of(value), null, null, 0, 0);
		}
		else {
			throw new InvalidRequestException("_has:" + has.getTargetResourceType() + ":patient:"
					+ has.getParameterName() + " is not supported (served: code, " + status + ")");
		}
		Set<PatientId> found = clinical.patientsWith(kind, query, LIMIT + 1);
		if (found.size() > LIMIT) {
			throw new InvalidRequestException("_has:" + has.getTargetResourceType() + " matches more than " + LIMIT
					+ " patients; narrow the search");
		}
		Set<Long> ids = new LinkedHashSet<>();
		found.forEach(id -> ids.add(id.value()));
		return ids;
	}

}
