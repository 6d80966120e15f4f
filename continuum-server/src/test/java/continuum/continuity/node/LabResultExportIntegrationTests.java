package continuum.continuity.node;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.lab.fhir.LabFhirFixtures;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released laboratory results reach downtime nodes as Observation records, by id and
 * through the change feed; an unreleased one, or one taken back for correction, is
 * answered deleted until it is released.
 */
@ContinuumIntegrationTest
class LabResultExportIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	DowntimeApi api;

	String system;

	LabFhirFixtures fixtures;

	@BeforeEach
	void signIn() {
		api = new DowntimeApi(port);
		system = FhirTestSupport.token(port, "interface");
		fixtures = new LabFhirFixtures(patients, orders, specimens, results);
	}

	@Test
	void aReleasedResultIsARecordAndAnUnreleasedOneIsDeleted() throws Exception {
		PatientId patient = fixtures.patient();
		LabOrder order = fixtures.order(patient, "1988-5", "6301-6");
		fixtures.receiveAll(order);
		long head = api.get("/api/downtime/manifest", system).body().get("feedHead").asLong();
		LabResult crp = fixtures.release(fixtures.enter(order, "1988-5", "1988-5", "12.3"));
		LabResult inr = fixtures.enter(order, "6301-6", "6301-6", "1.0");
		JsonNode records = records(crp.id().asString(), inr.id().asString());
		JsonNode released = records.get(0);
		assertThat(released.get("deleted").asBoolean()).isFalse();
		assertThat(released.get("patientId").asString()).isEqualTo(patient.asString());
		JsonNode data = released.get("data");
		assertThat(data.get("code").asString()).isEqualTo("1988-5");
		assertThat(data.get("name").asString()).isEqualTo("CRP");
		assertThat(data.get("value").asString()).isEqualTo("12.3");
		assertThat(data.get("unit").asString()).isEqualTo("mg/L");
		assertThat(data.get("referenceRange").asString()).isEqualTo("<5");
		assertThat(data.get("flag").asString()).isEqualTo("H");
		assertThat(data.get("status").asString()).isEqualTo("final");
		assertThat(data.get("issued").asString()).isEqualTo(crp.releasedAt().toString());
		assertThat(records.get(1).get("deleted").asBoolean()).isTrue();
		boolean announced = false;
		JsonNode changes = api.get("/api/changes?after=" + head + "&limit=5000", system).body().get("changes");
		for (JsonNode change : changes) {
			announced |= change.get("resourceType").asString().equals("Observation")
					&& change.get("resourceId").asString().equals(crp.id().asString());
		}
		assertThat(announced).as("the release is in the change feed").isTrue();
		fixtures.correct(crp, "21.4");
		assertThat(records(crp.id().asString()).get(0).get("data").get("value").asString()).isEqualTo("21.4");
		assertThat(records(crp.id().asString()).get(0).get("data").get("status").asString()).isEqualTo("corrected");
	}

	private JsonNode records(String... ids) throws Exception {
		DowntimeApi.Answer answer = api.get("/api/downtime/records?type=Observation&ids=" + String.join(",", ids),
				system);
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
		return answer.body().get("records");
	}

}
