package continuum.fhir;

import java.util.Map;
import java.util.Set;

/**
 * The search modifiers the server serves, by resource type and parameter
 * ({@code Patient.name} offers {@code :exact}). A modifier not named here is refused, or
 * ignored under {@code Prefer: handling=lenient}, by {@link SearchHandlingInterceptor};
 * the modules' searches implement the ones named.
 */
final class SearchModifiers {

	private static final Set<String> STRING = Set.of("exact", "contains");

	private static final Map<String, Set<String>> SERVED = Map.of("Patient.name", STRING, "Patient.family", STRING,
			"Patient.given", STRING, "AllergyIntolerance.clinical-status", Set.of("not"), "Condition.clinical-status",
			Set.of("not"), "MedicationStatement.status", Set.of("not"));

	private SearchModifiers() {
	}

	static boolean served(String resourceType, String parameter, String modifier) {
		return SERVED.getOrDefault(resourceType + "." + parameter, Set.of()).contains(modifier);
	}

}
