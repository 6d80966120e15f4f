package continuum.fhir;

import java.util.Map;
import java.util.Set;

/**
 * The search modifiers the server serves, by resource type and parameter
 * ({@code Patient.name} offers {@code :exact}; {@code :text} on a token parameter over a
 * CodeableConcept matches the start of its text, {@code :missing} on a reference that a
 * resource may lack finds those with or without it). A modifier not named here is
 * refused, or ignored under {@code Prefer: handling=lenient}, by
 * {@link SearchHandlingInterceptor}; the modules' searches implement the ones named.
 */
final class SearchModifiers {

	private static final Set<String> STRING = Set.of("exact", "contains");

	private static final Set<String> TEXT = Set.of("text");

	private static final Set<String> MISSING = Set.of("missing");

	private static final Map<String, Set<String>> SERVED = Map.ofEntries(Map.entry("Patient.name", STRING),
			Map.entry("Patient.family", STRING), Map.entry("Patient.given", STRING),
			Map.entry("AllergyIntolerance.clinical-status", Set.of("not")),
			Map.entry("Condition.clinical-status", Set.of("not")),
			Map.entry("MedicationStatement.status", Set.of("not")), Map.entry("AllergyIntolerance.code", TEXT),
			Map.entry("Condition.code", TEXT), Map.entry("MedicationStatement.code", TEXT),
			Map.entry("Observation.code", TEXT), Map.entry("ServiceRequest.code", TEXT),
			Map.entry("DiagnosticReport.code", TEXT), Map.entry("Location.type", TEXT),
			Map.entry("Slot.service-type", TEXT), Map.entry("Location.partof", MISSING),
			Map.entry("AllergyIntolerance.date", MISSING), Map.entry("Condition.onset-date", MISSING),
			Map.entry("MedicationStatement.effective", MISSING), Map.entry("ImagingStudy.started", MISSING),
			Map.entry("AuditEvent.patient", MISSING));

	private SearchModifiers() {
	}

	static boolean served(String resourceType, String parameter, String modifier) {
		return SERVED.getOrDefault(resourceType + "." + parameter, Set.of()).contains(modifier);
	}

}
