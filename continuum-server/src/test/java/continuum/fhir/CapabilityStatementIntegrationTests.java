package continuum.fhir;

import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CapabilityStatement is public, valid R4, and tells the truth about resources,
 * searches and security.
 */
@ContinuumIntegrationTest
class CapabilityStatementIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void describesTheResourcesSearchesAndHowToAuthenticate() {
		FhirTestSupport.context()
			.getRestfulClientFactory()
			.setServerValidationMode(ca.uhn.fhir.rest.client.api.ServerValidationModeEnum.NEVER);
		IGenericClient anonymous = FhirTestSupport.context()
			.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
		CapabilityStatement statement = anonymous.capabilities().ofType(CapabilityStatement.class).execute();
		FhirTestSupport.assertValid(statement);
		Set<String> types = statement.getRestFirstRep()
			.getResource()
			.stream()
			.map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
			.collect(Collectors.toSet());
		assertThat(types).contains("Patient", "AllergyIntolerance", "MedicationStatement", "Condition", "Encounter",
				"Location", "Practitioner", "AuditEvent", "Schedule", "Slot", "Appointment");
		var patient = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals("Patient"))
			.findFirst()
			.orElseThrow();
		assertThat(patient.getSearchParam().stream().map(p -> p.getName())).contains("identifier", "name", "family",
				"given", "birthdate", "gender");
		assertThat(patient.getInteraction().stream().map(i -> i.getCode().toCode()))
			.contains("read", "vread", "create", "update", "search-type")
			.doesNotContain("delete");
		var appointment = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals("Appointment"))
			.findFirst()
			.orElseThrow();
		assertThat(appointment.getSearchParam().stream().map(p -> p.getName())).contains("patient", "date", "status",
				"actor", "location");
		var slot = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals("Slot"))
			.findFirst()
			.orElseThrow();
		assertThat(slot.getSearchParam().stream().map(p -> p.getName())).contains("schedule", "start", "status",
				"service-type");
		assertThat(statement.getRestFirstRep().getSecurity().getDescription()).contains("/api/token");
	}

}
