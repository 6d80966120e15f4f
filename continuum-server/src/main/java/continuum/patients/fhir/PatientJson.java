package continuum.patients.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import continuum.patients.Address;
import continuum.patients.Identifier;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientId;

/**
 * Writes a patient as the FHIR R4 JSON that HAPI's encoder writes for
 * {@link PatientMapper#toFhir}, byte for byte (elements in the order of the
 * specification, empty ones left out, strings escaped as Jackson escapes them), without
 * building the HAPI model. {@code PatientJsonIntegrationTests} compares the two over the
 * demo hospital and awkward strings; a change to the mapper must be made here too. A
 * patient with more names or contact points than the registration form holds is written
 * by HAPI's encoder.
 */
final class PatientJson {

	private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

	private static final String HEX = "0123456789ABCDEF";

	private final StringBuilder out = new StringBuilder(768);

	private PatientJson() {
	}

	static byte[] write(Patient patient) {
		if (!patient.data().hasOnlyFormNamesAndTelecoms()) {
			// Several names or contact points, with uses, ranks and periods: rare enough
			// to
			// leave to HAPI's encoder.
			return FhirContext.forR4Cached()
				.newJsonParser()
				.encodeResourceToString(PatientMapper.toFhir(patient))
				.getBytes(StandardCharsets.UTF_8);
		}
		return new PatientJson().patient(patient).toString().getBytes(StandardCharsets.UTF_8);
	}

	private StringBuilder patient(Patient patient) {
		PatientData data = patient.data();
		out.append("{\"resourceType\":\"Patient\",\"id\":\"").append(patient.id().asString());
		out.append("\",\"meta\":{\"versionId\":\"").append(patient.version());
		out.append("\",\"lastUpdated\":\"").append(instant(patient.lastUpdated())).append("\"}");
		if (!patient.identifiers().isEmpty()) {
			out.append(",\"identifier\":[");
			boolean first = true;
			for (Identifier identifier : patient.identifiers()) {
				out.append(first ? "{" : ",{");
				first = false;
				field("use", identifier.isMrn() ? "usual" : "official", true);
				field("system", identifier.system(), false);
				field("value", identifier.value(), false);
				out.append('}');
			}
			out.append(']');
		}
		out.append(",\"active\":").append(!patient.isMerged());
		out.append(",\"name\":[{");
		field("use", "official", true);
		field("family", data.family(), false);
		strings("given", data.given());
		if (data.prefix() != null) {
			strings("prefix", List.of(data.prefix()));
		}
		out.append("}]");
		if (data.phone() != null || data.email() != null) {
			out.append(",\"telecom\":[");
			if (data.phone() != null) {
				out.append("{\"system\":\"phone\",");
				field("value", data.phone(), true);
				out.append('}');
			}
			if (data.email() != null) {
				out.append(data.phone() != null ? ",{" : "{").append("\"system\":\"email\",");
				field("value", data.email(), true);
				out.append('}');
			}
			out.append(']');
		}
		out.append(',');
		field("gender", data.gender().code(), true);
		if (data.birthDate() != null) {
			out.append(',');
			field("birthDate", data.birthDate().toString(), true);
		}
		if (data.deceased()) {
			out.append(",\"deceasedBoolean\":true");
		}
		address(data.address());
		if (data.language() != null) {
			out.append(",\"communication\":[{\"language\":{\"coding\":[{");
			field("system", PatientMapper.LANGUAGE_SYSTEM, true);
			field("code", data.language(), false);
			out.append("}]},\"preferred\":true}]");
		}
		if (patient.mergedInto() != null || !patient.replaces().isEmpty()) {
			out.append(",\"link\":[");
			boolean first = true;
			if (patient.mergedInto() != null) {
				link(patient.mergedInto(), "replaced-by");
				first = false;
			}
			for (PatientId duplicate : patient.replaces()) {
				if (!first) {
					out.append(',');
				}
				link(duplicate, "replaces");
				first = false;
			}
			out.append(']');
		}
		return out.append('}');
	}

	private void address(Address address) {
		if (address.isEmpty()) {
			return;
		}
		out.append(",\"address\":[{");
		field("use", "home", true);
		if (address.line() != null) {
			strings("line", List.of(address.line()));
		}
		field("city", address.city(), false);
		field("postalCode", address.postalCode(), false);
		field("country", address.country(), false);
		out.append("}]");
	}

	private void link(PatientId other, String type) {
		out.append("{\"other\":{\"reference\":\"Patient/").append(other.asString()).append("\"},\"type\":\"");
		out.append(type).append("\"}");
	}

	private void field(String name, String value, boolean first) {
		if (value == null) {
			return;
		}
		if (!first) {
			out.append(',');
		}
		out.append('"').append(name).append("\":");
		string(value);
	}

	private void strings(String name, List<String> values) {
		if (values.isEmpty()) {
			return;
		}
		out.append(",\"").append(name).append("\":[");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			string(values.get(i));
		}
		out.append(']');
	}

	/** A JSON string as Jackson writes it: quote, backslash and controls escaped. */
	private void string(String value) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static String instant(Instant instant) {
		return INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS).atZone(ZoneId.systemDefault()));
	}

}
