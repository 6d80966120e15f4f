package continuum.patients.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.patients.PatientId;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * Logical ids and references: decimal numbers; anything else names no resource of ours.
 */
final class FhirIds {

	private FhirIds() {
	}

	static long id(IIdType id) {
		String part = id.getIdPart();
		long number = number(part);
		if (number == 0) {
			throw new ResourceNotFoundException(id.getResourceType() + "/" + part + " is not known here");
		}
		return number;
	}

	/**
	 * The number a logical id of ours spells (1 to 18 digits, no leading zero), or 0 when
	 * it spells none. Without a regular expression: plain reads call it on every request.
	 */
	static long number(@Nullable String part) {
		if (part == null || part.isEmpty() || part.length() > 18 || part.charAt(0) == '0') {
			return 0;
		}
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (c < '0' || c > '9') {
				return 0;
			}
		}
		return Long.parseLong(part);
	}

	/**
	 * The version a vread asks for, or null; one that is not a number is not known here
	 * (404). An update's {@code If-Match} is read by {@link continuum.fhir.IfMatch}.
	 */
	static @Nullable Integer version(IIdType id) {
		if (!id.hasVersionIdPart()) {
			return null;
		}
		try {
			return Integer.valueOf(id.getVersionIdPart());
		}
		catch (NumberFormatException ex) {
			throw new ResourceNotFoundException("Version " + id.getVersionIdPart() + " is not known here");
		}
	}

	/**
	 * The patient a reference names; 422 when it is missing or not a Patient reference.
	 */
	static PatientId patient(@Nullable Reference reference, String element) {
		String ref = reference == null ? null : reference.getReference();
		if (ref == null || ref.isBlank()) {
			throw new UnprocessableEntityException(element + " is required and must reference a Patient");
		}
		String id = ref.startsWith("Patient/") ? ref.substring(8) : ref;
		int history = id.indexOf("/_history/");
		if (history >= 0) {
			id = id.substring(0, history);
		}
		if (!ref.startsWith("Patient/") && ref.contains("/")) {
			throw new UnprocessableEntityException(element + " must reference a Patient");
		}
		long number = number(id);
		if (number == 0) {
			throw new UnprocessableEntityException(element + " references an unknown patient");
		}
		return new PatientId(number);
	}

	/** The patient of a {@code patient=} search parameter. */
	static @Nullable PatientId patientParam(ca.uhn.fhir.rest.param.@Nullable ReferenceParam param) {
		if (param == null) {
			return null;
		}
		if (param.getResourceType() != null && !"Patient".equals(param.getResourceType())) {
			throw new InvalidRequestException("The patient parameter must reference a Patient");
		}
		long number = number(param.getIdPart());
		return new PatientId(number == 0 ? Long.MAX_VALUE : number);
	}

}
