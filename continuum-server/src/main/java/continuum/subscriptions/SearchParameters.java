package continuum.subscriptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The search parameters a subscription's criteria may use, per resource type, and where
 * each one looks in the resource (a path of elements, as FHIR R4's search parameter
 * definitions give it, without their FHIRPath functions). Every type also takes
 * {@code _id}. A parameter not listed here is refused when the subscription is created:
 * criteria never match more than they say.
 */
final class SearchParameters {

	/** How a parameter's values are compared. */
	enum Kind {

		/**
		 * {@code [system]|[code]}, {@code [code]}, {@code |[code]}, {@code [system]|}.
		 */
		TOKEN,
		/** {@code [type]/[id]} or {@code [id]}. */
		REFERENCE

	}

	/**
	 * A parameter: its kind, the paths it reads, and for a reference the one type it
	 * names ({@code patient} names a Patient), else null.
	 */
	record Parameter(Kind kind, List<String> paths, @Nullable String target) {
	}

	private static final Map<String, Map<String, Parameter>> BY_TYPE = new LinkedHashMap<>();

	static {
		type("Patient", "identifier token Patient.identifier", "gender token Patient.gender",
				"active token Patient.active");
		type("AllergyIntolerance", "patient reference AllergyIntolerance.patient Patient",
				"clinical-status token AllergyIntolerance.clinicalStatus",
				"verification-status token AllergyIntolerance.verificationStatus", "code token AllergyIntolerance.code",
				"category token AllergyIntolerance.category", "criticality token AllergyIntolerance.criticality");
		type("Condition", "patient reference Condition.subject Patient", "subject reference Condition.subject",
				"clinical-status token Condition.clinicalStatus",
				"verification-status token Condition.verificationStatus", "code token Condition.code",
				"category token Condition.category");
		type("MedicationStatement", "patient reference MedicationStatement.subject Patient",
				"subject reference MedicationStatement.subject", "status token MedicationStatement.status",
				"code token MedicationStatement.medicationCodeableConcept");
		type("Encounter", "patient reference Encounter.subject Patient", "subject reference Encounter.subject",
				"status token Encounter.status", "class token Encounter.class",
				"location reference Encounter.location.location Location");
		type("Appointment", "patient reference Appointment.participant.actor Patient",
				"actor reference Appointment.participant.actor", "status token Appointment.status");
		type("ServiceRequest", "patient reference ServiceRequest.subject Patient",
				"subject reference ServiceRequest.subject", "status token ServiceRequest.status",
				"intent token ServiceRequest.intent", "code token ServiceRequest.code",
				"category token ServiceRequest.category");
		type("Specimen", "patient reference Specimen.subject Patient", "subject reference Specimen.subject",
				"status token Specimen.status", "type token Specimen.type");
		type("Observation", "patient reference Observation.subject Patient", "subject reference Observation.subject",
				"status token Observation.status", "code token Observation.code", "category token Observation.category",
				"based-on reference Observation.basedOn", "specimen reference Observation.specimen Specimen");
		type("DiagnosticReport", "patient reference DiagnosticReport.subject Patient",
				"subject reference DiagnosticReport.subject", "status token DiagnosticReport.status",
				"code token DiagnosticReport.code", "category token DiagnosticReport.category",
				"based-on reference DiagnosticReport.basedOn");
		type("Slot", "schedule reference Slot.schedule Schedule", "status token Slot.status");
		type("Schedule", "actor reference Schedule.actor", "active token Schedule.active");
	}

	private SearchParameters() {
	}

	/** The resource types criteria may name. */
	static java.util.Set<String> types() {
		return BY_TYPE.keySet();
	}

	/** The parameters of a type ({@code _id} aside). */
	static Map<String, Parameter> of(String resourceType) {
		return BY_TYPE.getOrDefault(resourceType, Map.of());
	}

	static Optional<Parameter> find(String resourceType, String name) {
		return Optional.ofNullable(of(resourceType).get(name));
	}

	/** Reads {@code "name kind path [target type]"} lines into the type's table. */
	private static void type(String resourceType, String... parameters) {
		Map<String, Parameter> table = new LinkedHashMap<>();
		for (String line : parameters) {
			String[] parts = line.split(" ");
			Kind kind = Kind.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
			table.put(parts[0], new Parameter(kind, List.of(parts[2]), parts.length > 3 ? parts[3] : null));
		}
		BY_TYPE.put(resourceType, Map.copyOf(table));
	}

}
