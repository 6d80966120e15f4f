package continuum.subscriptions;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whether a resource, as a client would read it, meets a subscription's criteria: token
 * parameters compare {@code system|code} with the codings, codes and identifiers at the
 * parameter's path, reference parameters the type and id of the references there, and
 * {@code _id} the resource's own id, as the FHIR search of the type does (search.html
 * §3.1.1.4.1 token, §3.1.1.4.10 reference).
 */
@Component
class CriteriaMatcher {

	private final FhirTerser terser;

	CriteriaMatcher(FhirContext context) {
		this.terser = context.newTerser();
	}

	boolean matches(Criteria criteria, IBaseResource resource) {
		if (!resource.fhirType().equals(criteria.resourceType())) {
			return false;
		}
		for (Criteria.Condition condition : criteria.conditions()) {
			if (!anyValueMatches(criteria.resourceType(), condition, resource)) {
				return false;
			}
		}
		return true;
	}

	private boolean anyValueMatches(String type, Criteria.Condition condition, IBaseResource resource) {
		if (condition.name().equals("_id")) {
			String id = resource.getIdElement().getIdPart();
			return condition.values().stream().anyMatch(v -> v.equals(id) || v.equals(type + "/" + id));
		}
		SearchParameters.Parameter parameter = SearchParameters.find(type, condition.name()).orElseThrow();
		for (String path : parameter.paths()) {
			List<IBase> elements = terser.getValues(resource, path);
			for (IBase element : elements) {
				for (String value : condition.values()) {
					boolean hit = parameter.kind() == SearchParameters.Kind.TOKEN ? token(element, value)
							: reference(element, value, parameter.target());
					if (hit) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static boolean token(IBase element, String value) {
		int bar = value.indexOf('|');
		@Nullable String system = bar < 0 ? null : value.substring(0, bar);
		String code = bar < 0 ? value : value.substring(bar + 1);
		if (element instanceof CodeableConcept concept) {
			return concept.getCoding().stream().anyMatch(c -> coding(c.getSystem(), c.getCode(), system, code));
		}
		if (element instanceof Coding coding) {
			return coding(coding.getSystem(), coding.getCode(), system, code);
		}
		if (element instanceof Identifier identifier) {
			return coding(identifier.getSystem(), identifier.getValue(), system, code);
		}
		if (element instanceof Enumeration<?> enumeration) {
			return coding(enumeration.getSystem(), enumeration.getValueAsString(), system, code);
		}
		if (element instanceof BooleanType bool) {
			return system == null && bool.hasValue() && bool.getValueAsString().equals(code);
		}
		if (element instanceof PrimitiveType<?> primitive) {
			return (system == null || system.isEmpty()) && code.equals(primitive.getValueAsString());
		}
		return false;
	}

	/**
	 * {@code system|code}: both equal; {@code code}: the code, any system; {@code |code}:
	 * the code without a system; {@code system|}: any code of the system.
	 */
	private static boolean coding(@Nullable String hasSystem, @Nullable String hasCode, @Nullable String system,
			String code) {
		if (system == null) {
			return code.equals(hasCode);
		}
		if (system.isEmpty()) {
			return (hasSystem == null || hasSystem.isEmpty()) && code.equals(hasCode);
		}
		return system.equals(hasSystem) && (code.isEmpty() || code.equals(hasCode));
	}

	private static boolean reference(IBase element, String value, @Nullable String target) {
		if (!(element instanceof Reference reference) || !reference.hasReference()) {
			return false;
		}
		String type = reference.getReferenceElement().getResourceType();
		String id = reference.getReferenceElement().getIdPart();
		int slash = value.indexOf('/');
		if (slash < 0) {
			return value.equals(id) && (target == null || target.equals(type));
		}
		return value.substring(0, slash).equals(type) && value.substring(slash + 1).equals(id);
	}

}
