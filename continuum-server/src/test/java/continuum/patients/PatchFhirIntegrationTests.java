package continuum.patients;

import java.net.http.HttpResponse;

import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PATCH} with JSON Patch over HTTP: applied through the update path (versions,
 * If-Match), and the errors of a bad patch in the spec's form.
 */
@ContinuumIntegrationTest
class PatchFhirIntegrationTests {

	static final String JSON_PATCH = "application/json-patch+json";

	@LocalServerPort
	int port;

	FhirTestClient client;

	String id;

	@BeforeEach
	void aPatient() {
		client = new FhirTestClient(port, "physician");
		Patient patient = new Patient();
		patient.addName().setFamily("Lapwerk" + TestPatients.uniqueWord()).addGiven("Noor");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1990-02-03"));
		id = client.fhir.create().resource(patient).execute().getId().getIdPart();
	}

	HttpResponse<String> patch(String path, String body, String... headers) throws Exception {
		return client.send("PATCH", path, JSON_PATCH, body.replace('\'', '"'), headers);
	}

	@Test
	void aJsonPatchUpdatesThePatientAsANewVersion() throws Exception {
		HttpResponse<String> response = patch("Patient/" + id,
				"[{'op':'test','path':'/gender','value':'female'},{'op':'replace','path':'/birthDate','value':'1990-02-04'},"
						+ "{'op':'add','path':'/name/0/given/-','value':'Els'}]",
				"If-Match", "W/\"1\"");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Patient patient = client.fhir.read().resource(Patient.class).withId(id).execute();
		assertThat(patient.getMeta().getVersionId()).isEqualTo("2");
		assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1990-02-04");
		assertThat(patient.getNameFirstRep().getGiven()).extracting(Object::toString).containsExactly("Noor", "Els");
	}

	@Test
	void aStaleIfMatchIs412() throws Exception {
		FhirTestClient.assertOperationOutcome(patch("Patient/" + id,
				"[{'op':'replace','path':'/birthDate','value':'1990-02-05'}]", "If-Match", "W/\"9\""), 412);
	}

	@Test
	void badPatchesAreRefusedInTheSpecsForm() throws Exception {
		FhirTestClient.assertOperationOutcome(patch("Patient/" + id, "{'op':'add'}"), 400);
		FhirTestClient.assertOperationOutcome(patch("Patient/" + id, "[{'op':'frobnicate','path':'/gender'}]"), 400);
		FhirTestClient.assertOperationOutcome(patch("Patient/" + id, "[{'op':'test','path':'/gender','value':'male'}]"),
				422);
		FhirTestClient.assertOperationOutcome(patch("Patient/" + id, "[{'op':'remove','path':'/telecom/3'}]"), 422);
		FhirTestClient.assertOperationOutcome(patch("Patient/" + id, "[{'op':'add','path':'/colour','value':'blue'}]"),
				422);
		FhirTestClient.assertOperationOutcome(patch("Patient/" + id, "[{'op':'replace','path':'/id','value':'1'}]"),
				422);
		HttpResponse<String> fhirPath = client.send("PATCH", "Patient/" + id, "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");
		assertThat(fhirPath.statusCode()).as(fhirPath.body()).isIn(400, 415);
		assertThat(client.fhir.read().resource(Patient.class).withId(id).execute().getMeta().getVersionId())
			.isEqualTo("1");
	}

	@Test
	void clinicalEntriesArePatchedToo() throws Exception {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + id));
		allergy.setCode(
				new CodeableConcept(new Coding("http://snomed.info/sct", "764146007", null)).setText("Penicillin"));
		allergy.setClinicalStatus(
				new CodeableConcept(new Coding(ClinicalFhirIntegrationTests.ALLERGY_CLINICAL, "active", null)));
		IdType allergyId = (IdType) client.fhir.create().resource(allergy).execute().getId();

		HttpResponse<String> response = patch("AllergyIntolerance/" + allergyId.getIdPart(),
				"[{'op':'replace','path':'/clinicalStatus/coding/0/code','value':'resolved'}]");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		AllergyIntolerance patched = client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withId(allergyId.getIdPart())
			.execute();
		assertThat(patched.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("resolved");
		assertThat(patched.getMeta().getVersionId()).isEqualTo("2");
	}

}
