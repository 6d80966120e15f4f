package continuum.bulkdata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.util.FhirTerser;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.jspecify.annotations.Nullable;

/**
 * One {@code _typeFilter} of a bulk export (Bulk Data Access IG, "_typeFilter"): a search
 * on one type, such as {@code Observation?status=final&category=laboratory}, matched
 * against each resource as it is written. The common cases are served: the token
 * parameters below, each a comma-separated list of {@code code}, {@code system|code},
 * {@code |code} or {@code system|} (any of them matches), several parameters all
 * matching. Anything else (another parameter, a modifier, a chain) is refused when the
 * export is kicked off, never ignored.
 */
public record TypeFilter(String resourceType, Map<String, List<String>> tokens) {

	/**
	 * Search parameter of each type to the element it searches (FHIR R4 search
	 * parameters).
	 */
	private static final Map<String, Map<String, String>> PARAMETERS = Map.ofEntries(
			Map.entry("Patient", Map.of("gender", "Patient.gender")),
			Map.entry("AllergyIntolerance",
					Map.of("clinical-status", "AllergyIntolerance.clinicalStatus", "verification-status",
							"AllergyIntolerance.verificationStatus", "category", "AllergyIntolerance.category",
							"criticality", "AllergyIntolerance.criticality", "code", "AllergyIntolerance.code")),
			Map.entry("Condition", Map.of("clinical-status", "Condition.clinicalStatus", "verification-status",
					"Condition.verificationStatus", "category", "Condition.category", "code", "Condition.code")),
			Map.entry("MedicationStatement",
					Map.of("status", "MedicationStatement.status", "code", "MedicationStatement.medication")),
			Map.entry("Encounter", Map.of("status", "Encounter.status", "class", "Encounter.class")),
			Map.entry("Appointment", Map.of("status", "Appointment.status")),
			Map.entry("ServiceRequest",
					Map.of("status", "ServiceRequest.status", "intent", "ServiceRequest.intent", "category",
							"ServiceRequest.category", "code", "ServiceRequest.code")),
			Map.entry("Specimen", Map.of("status", "Specimen.status", "type", "Specimen.type")),
			Map.entry("Observation",
					Map.of("status", "Observation.status", "category", "Observation.category", "code",
							"Observation.code")),
			Map.entry("DiagnosticReport",
					Map.of("status", "DiagnosticReport.status", "category", "DiagnosticReport.category", "code",
							"DiagnosticReport.code")),
			Map.entry("ImagingStudy", Map.of("status", "ImagingStudy.status", "modality", "ImagingStudy.modality")));

	public TypeFilter {
		tokens = Map.copyOf(tokens);
	}

	/**
	 * Reads one {@code _typeFilter} value, {@code [type]?[parameters]} (the parameters'
	 * values URL-encoded within it, as the IG asks).
	 * @throws InvalidInputException naming what is not served
	 */
	public static TypeFilter parse(String value) {
		int question = value.indexOf('?');
		if (question <= 0 || question == value.length() - 1) {
			throw new InvalidInputException(
					"_typeFilter " + value + " is not [type]?[search parameters], such as Observation?status=final");
		}
		String type = value.substring(0, question);
		Map<String, String> served = PARAMETERS.get(type);
		if (served == null) {
			throw new InvalidInputException("_typeFilter on " + type + " is not supported; the types it filters are "
					+ String.join(", ", PARAMETERS.keySet().stream().sorted().toList()));
		}
		Map<String, List<String>> tokens = new LinkedHashMap<>();
		for (String pair : value.substring(question + 1).split("&")) {
			int equals = pair.indexOf('=');
			String name = equals < 0 ? pair : URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
			if (equals <= 0 || !served.containsKey(name)) {
				throw new InvalidInputException(
						"_typeFilter parameter " + name + " on " + type + " is not supported; it takes "
								+ String.join(", ", served.keySet().stream().sorted().toList()));
			}
			String values = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			List<String> alternatives = List.of(values.split(","));
			if (values.isEmpty() || alternatives.stream().anyMatch(String::isEmpty)) {
				throw new InvalidInputException(
						"_typeFilter parameter " + name + " on " + type + " has an empty value");
			}
			tokens.merge(name, alternatives, (a, b) -> {
				// The same parameter twice: both must match, as in a search.
				throw new InvalidInputException(
						"_typeFilter parameter " + name + " is given twice in one filter; give its values as a list");
			});
		}
		return new TypeFilter(type, tokens);
	}

	/** Whether the resource (of this filter's type) matches every parameter. */
	boolean matches(IBaseResource resource, FhirTerser terser) {
		for (var parameter : tokens.entrySet()) {
			List<IBase> values = terser.getValues(resource, PARAMETERS.get(resourceType).get(parameter.getKey()));
			if (!anyMatches(values, parameter.getValue())) {
				return false;
			}
		}
		return true;
	}

	/** The filter as the kick-off gave it, for the job's row. */
	String text() {
		List<String> parts = new ArrayList<>();
		tokens.forEach((name, values) -> parts.add(name + "=" + String.join(",", values)));
		return resourceType + "?" + String.join("&", parts);
	}

	private static boolean anyMatches(List<IBase> values, List<String> alternatives) {
		List<String[]> codes = new ArrayList<>();
		for (IBase value : values) {
			if (value instanceof CodeableConcept concept) {
				concept.getCoding().forEach(c -> codes.add(new String[] { c.getSystem(), c.getCode() }));
			}
			else if (value instanceof Coding coding) {
				codes.add(new String[] { coding.getSystem(), coding.getCode() });
			}
			else if (value instanceof Enumeration<?> enumeration) {
				codes.add(new String[] { enumeration.getSystem(), enumeration.getCode() });
			}
			else if (value instanceof PrimitiveType<?> primitive) {
				codes.add(new String[] { null, primitive.getValueAsString() });
			}
		}
		for (String alternative : alternatives) {
			for (String[] code : codes) {
				if (tokenMatches(alternative, code[0], code[1])) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean tokenMatches(String token, @Nullable String system, @Nullable String code) {
		int bar = token.indexOf('|');
		if (bar < 0) {
			return token.equals(code);
		}
		String wantedSystem = token.substring(0, bar);
		String wantedCode = token.substring(bar + 1);
		boolean systemMatches = wantedSystem.isEmpty() ? system == null || system.isEmpty()
				: wantedSystem.equals(system);
		return systemMatches && (wantedCode.isEmpty() || wantedCode.equals(code));
	}

}
