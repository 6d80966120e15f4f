package continuum.fhir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CapabilityStatement states exactly what is served, checked against the server
 * itself: every search parameter it declares finds a resource by a value taken from that
 * resource (through the parameter's FHIRPath expression in the R4 specification); every
 * parameter the specification defines for the type that it does not declare is refused
 * with a 400 OperationOutcome, never silently ignored; and every interaction it declares
 * is served while those it does not declare are refused as not supported.
 */
@ContinuumIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapabilityStatementProbeIntegrationTests {

	/** Types whose demo records only some roles read: who probes them. */
	private static final Map<String, String> READER = Map.of("AuditEvent", "auditor");

	/** The accounts that may write each type the server lets clients write. */
	private static final Map<String, String> WRITER = Map.of("Location", "admin", "Practitioner", "admin", "Schedule",
			"admin", "Slot", "scheduler", "Appointment", "scheduler", "ImagingStudy", "radiographer", "Specimen",
			"labtech", "Observation", "labtech", "DiagnosticReport", "radiologist");

	private static final java.util.regex.Pattern RESOLVE = java.util.regex.Pattern
		.compile("\\.where\\(resolve\\(\\) is ([A-Za-z]+)\\)");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final FhirContext context = FhirTestSupport.context();

	private final Map<String, String> tokens = new java.util.HashMap<>();

	private CapabilityStatement statement;

	@BeforeAll
	void readStatement() throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(uri("/fhir/metadata")).header("Accept", "application/fhir+json").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		statement = context.newJsonParser().parseResource(CapabilityStatement.class, response.body());
	}

	@Test
	void everyDeclaredSearchParameterFindsTheResourceItWasTakenFrom() throws Exception {
		IFhirPath path = context.newFhirPath();
		List<String> failures = new ArrayList<>();
		Set<String> unprobed = new TreeSet<>();
		int probed = 0;
		for (CapabilityStatementRestResourceComponent resource : resources()) {
			if (!declares(resource, "search-type")) {
				continue;
			}
			String type = resource.getType();
			String user = READER.getOrDefault(type, "interface");
			List<Resource> samples = samples(type, user);
			RuntimeResourceDefinition definition = context.getResourceDefinition(type);
			for (var parameter : resource.getSearchParam()) {
				String name = parameter.getName();
				RuntimeSearchParam standard = definition.getSearchParam(name);
				if (name.startsWith("_") || standard == null || standard.getPath() == null
						|| standard.getPath().isBlank()) {
					continue;
				}
				Optional<String> value = samples.stream()
					.map(sample -> valueOf(path, sample, standard))
					.flatMap(Optional::stream)
					.findFirst();
				if (value.isEmpty()) {
					unprobed.add(type + "?" + name);
					continue;
				}
				probed++;
				HttpResponse<String> answer = get(user,
						"/fhir/" + type + "?" + name + "=" + encode(value.get()) + "&_count=1");
				if (answer.statusCode() != 200) {
					failures.add(type + "?" + name + "=" + value.get() + " answered " + answer.statusCode() + ": "
							+ answer.body());
					continue;
				}
				Bundle bundle = context.newJsonParser().parseResource(Bundle.class, answer.body());
				if (bundle.getEntry().isEmpty()) {
					failures.add(type + "?" + name + "=" + value.get() + " found nothing");
				}
			}
		}
		System.out.println("Declared search parameters probed: " + probed + "; no demo value for: " + unprobed);
		assertThat(failures).isEmpty();
		assertThat(probed).isGreaterThan(40);
	}

	@Test
	void everySpecifiedParameterTheStatementDoesNotDeclareIsRefused() throws Exception {
		List<String> failures = new ArrayList<>();
		for (CapabilityStatementRestResourceComponent resource : resources()) {
			if (!declares(resource, "search-type")) {
				continue;
			}
			String type = resource.getType();
			String user = READER.getOrDefault(type, "interface");
			Set<String> declared = new LinkedHashSet<>();
			resource.getSearchParam().forEach(p -> declared.add(p.getName()));
			for (RuntimeSearchParam standard : context.getResourceDefinition(type).getSearchParams()) {
				String name = standard.getName();
				if (declared.contains(name) || name.startsWith("_")) {
					continue;
				}
				HttpResponse<String> answer = get(user,
						"/fhir/" + type + "?" + name + "=" + encode(sampleText(standard.getParamType())));
				if (answer.statusCode() != 400 || !answer.body().contains("OperationOutcome")) {
					failures.add(type + "?" + name + " (not declared) answered " + answer.statusCode());
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void everyDeclaredInteractionIsServedAndTheOthersAreRefusedAsUnsupported() throws Exception {
		List<String> failures = new ArrayList<>();
		for (CapabilityStatementRestResourceComponent resource : resources()) {
			String type = resource.getType();
			String reader = READER.getOrDefault(type, "interface");
			String writer = WRITER.getOrDefault(type, "physician");
			String missing = "/fhir/" + type + "/" + missingId(type);
			String withId = "{\"resourceType\":\"" + type + "\",\"id\":\"" + missingId(type) + "\"}";
			probe(failures, resource, "read", send(reader, "GET", missing, null, null));
			probe(failures, resource, "vread", send(reader, "GET", missing + "/_history/1", null, null));
			probe(failures, resource, "history-instance", send(reader, "GET", missing + "/_history", null, null));
			probe(failures, resource, "history-type", send(reader, "GET", "/fhir/" + type + "/_history", null, null));
			probe(failures, resource, "create", send(writer, "POST", "/fhir/" + type, "application/fhir+json",
					"{\"resourceType\":\"" + type + "\",\"meta\":{\"lastUpdated\":\"not an instant\"}}"));
			probe(failures, resource, "update", send(writer, "PUT", missing, "application/fhir+json", withId));
			probe(failures, resource, "patch", send(writer, "PATCH", missing, "application/json-patch+json",
					"[{\"op\":\"test\",\"path\":\"/id\"," + "\"value\":\"" + missingId(type) + "\"}]"));
			probe(failures, resource, "delete", send(writer, "DELETE", missing, null, null));
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * A declared interaction must reach its handler (any answer but "not supported"); an
	 * undeclared one must be refused as not supported (405, or 400 naming the interaction
	 * as unknown to the server).
	 */
	private void probe(List<String> failures, CapabilityStatementRestResourceComponent resource, String interaction,
			HttpResponse<String> answer) {
		boolean declared = declares(resource, interaction);
		boolean unsupported = unsupported(answer);
		if (declared && unsupported) {
			failures.add(resource.getType() + " " + interaction + " is declared but answered " + answer.statusCode()
					+ ": " + answer.body());
		}
		else if (!declared && !unsupported) {
			failures.add(resource.getType() + " " + interaction + " is not declared but answered " + answer.statusCode()
					+ ": " + answer.body());
		}
	}

	private static boolean unsupported(HttpResponse<String> answer) {
		if (answer.statusCode() == 405) {
			return true;
		}
		String body = answer.body();
		return answer.statusCode() == 400 && (body.contains("does not know how to handle")
				|| body.contains("not supported") || body.contains("is not supported"));
	}

	private List<CapabilityStatementRestResourceComponent> resources() {
		return statement.getRestFirstRep().getResource();
	}

	private static boolean declares(CapabilityStatementRestResourceComponent resource, String code) {
		return resource.getInteraction().stream().anyMatch(i -> i.getCode().toCode().equals(code));
	}

	/** A few resources of the type, from the demo hospital. */
	private List<Resource> samples(String type, String user) throws Exception {
		HttpResponse<String> answer = get(user, "/fhir/" + type + "?_count=20");
		assertThat(answer.statusCode()).as(type + " search: " + answer.body()).isEqualTo(200);
		Bundle bundle = context.newJsonParser().parseResource(Bundle.class, answer.body());
		List<Resource> samples = new ArrayList<>();
		bundle.getEntry().forEach(e -> samples.add(e.getResource()));
		return samples;
	}

	/**
	 * A search value that matches the sample, from the value its expression yields; empty
	 * when the sample has none or the parameter's type is not one to probe this way.
	 */
	private static Optional<String> valueOf(IFhirPath path, Resource sample, RuntimeSearchParam parameter) {
		List<IBase> values;
		try {
			values = new ArrayList<>();
			for (String part : parameter.getPath().split("\\|")) {
				String trimmed = part.trim();
				if (!trimmed.startsWith(sample.fhirType() + ".")
						&& !trimmed.startsWith("(" + sample.fhirType() + ".")) {
					continue;
				}
				// resolve() needs a resolver: keep the references to the named type
				// instead.
				java.util.regex.Matcher target = RESOLVE.matcher(trimmed);
				String targetType = target.find() ? target.group(1) : null;
				for (IBase value : path.evaluate(sample, RESOLVE.matcher(trimmed).replaceAll(""), IBase.class)) {
					if (targetType == null || !(value instanceof Reference reference)
							|| reference.getReference() != null
									&& reference.getReference().startsWith(targetType + "/")) {
						values.add(value);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		for (IBase value : values) {
			Optional<String> text = text(parameter.getParamType(), value);
			if (text.isPresent()) {
				return text;
			}
		}
		return Optional.empty();
	}

	private static Optional<String> text(RestSearchParameterTypeEnum type, IBase value) {
		switch (type) {
			case TOKEN:
				if (value instanceof CodeableConcept concept && !concept.getCoding().isEmpty()) {
					value = concept.getCodingFirstRep();
				}
				if (value instanceof Coding coding && coding.hasCode()) {
					return Optional.of((coding.hasSystem() ? coding.getSystem() + "|" : "") + coding.getCode());
				}
				if (value instanceof Identifier identifier && identifier.hasValue()) {
					return Optional
						.of((identifier.hasSystem() ? identifier.getSystem() + "|" : "") + identifier.getValue());
				}
				if (value instanceof ContactPoint contact && contact.hasValue()) {
					return Optional.of(contact.getValue());
				}
				if (value instanceof Enumeration<?> code && code.hasCode()) {
					return Optional.of(code.getCode());
				}
				if (value instanceof CodeType code && code.hasValue()) {
					return Optional.of(code.getValue());
				}
				if (value instanceof PrimitiveType<?> primitive && primitive.hasValue()) {
					return Optional.of(primitive.getValueAsString());
				}
				return Optional.empty();
			case STRING:
				if (value instanceof HumanName name && name.hasFamily()) {
					return Optional.of(name.getFamily());
				}
				if (value instanceof PrimitiveType<?> primitive && primitive.hasValue()) {
					return Optional.of(primitive.getValueAsString());
				}
				return Optional.empty();
			case DATE:
				if (value instanceof Period period && period.hasStart()) {
					return Optional.of("ge" + period.getStartElement().getValueAsString().substring(0, 10));
				}
				if (value instanceof DateType date && date.hasValue()) {
					return Optional.of(date.getValueAsString());
				}
				if ((value instanceof DateTimeType || value instanceof InstantType)
						&& ((PrimitiveType<?>) value).hasValue()) {
					return Optional.of("ge" + ((PrimitiveType<?>) value).getValueAsString().substring(0, 10));
				}
				return Optional.empty();
			case REFERENCE:
				if (value instanceof Reference reference && reference.hasReference()) {
					return Optional.of(reference.getReference());
				}
				return Optional.empty();
			default:
				return Optional.empty();
		}
	}

	private static String sampleText(RestSearchParameterTypeEnum type) {
		return switch (type) {
			case DATE -> "ge2020-01-01";
			case REFERENCE -> "Patient/1";
			case NUMBER -> "1";
			case QUANTITY -> "1";
			case URI -> "http://example.org/x";
			default -> "x";
		};
	}

	private static String missingId(String type) {
		return type.equals("Location") ? "bed-987654321" : "987654321";
	}

	private HttpResponse<String> get(String user, String path) throws Exception {
		return send(user, "GET", path, null, null);
	}

	private HttpResponse<String> send(String user, String method, String path, String contentType, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + tokens.computeIfAbsent(user, u -> FhirTestSupport.token(port, u)))
			.header("Accept", "application/fhir+json");
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
