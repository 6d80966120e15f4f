package continuum.patients;

import java.net.http.HttpResponse;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch and transaction Bundles at {@code /fhir} over HTTP: atomic transactions with
 * {@code urn:uuid} references, conditional create, the order of entries, failures that
 * roll everything back, batch entries that fail alone, and the limits.
 */
@ContinuumIntegrationTest
class TransactionFhirIntegrationTests {

	static final String SYSTEM = "urn:continuum:test:transaction";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	FhirTestClient client;

	String family;

	@BeforeEach
	void signIn() {
		client = new FhirTestClient(port, "physician");
		family = "Transactie" + TestPatients.uniqueWord();
	}

	Patient patient(String identifier) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(SYSTEM).setValue(identifier);
		patient.addName().setFamily(family).addGiven("Lotte");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1979-05-06"));
		return patient;
	}

	static AllergyIntolerance allergy(String patient) {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference(patient));
		allergy.setCode(
				new CodeableConcept(new Coding("http://snomed.info/sct", "764146007", null)).setText("Penicillin"));
		allergy.setClinicalStatus(
				new CodeableConcept(new Coding(ClinicalFhirIntegrationTests.ALLERGY_CLINICAL, "active", null)));
		return allergy;
	}

	static Bundle.BundleEntryComponent entry(Bundle bundle, HTTPVerb method, String url, Resource resource) {
		Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(resource);
		entry.getRequest().setMethod(method).setUrl(url);
		return entry;
	}

	HttpResponse<String> post(Bundle bundle, String... headers) throws Exception {
		return client.send("POST", "", "application/fhir+json",
				FhirTestClient.CONTEXT.newJsonParser().encodeResourceToString(bundle), headers);
	}

	static Bundle parse(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FhirTestClient.CONTEXT.newJsonParser().parseResource(Bundle.class, response.body());
	}

	int patientsNamed() {
		return jdbc.sql("select count(*) from patient where family_name = :family")
			.param("family", family)
			.query(Integer.class)
			.single();
	}

	@Test
	void aTransactionCreatesResourcesThatReferenceEachOtherByUrnUuid() throws Exception {
		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		// The allergy comes first and references the patient created after it.
		entry(bundle, HTTPVerb.POST, "AllergyIntolerance", allergy("urn:uuid:5f1c2a4e-0000-4000-8000-000000000001"))
			.setFullUrl("urn:uuid:5f1c2a4e-0000-4000-8000-000000000002");
		entry(bundle, HTTPVerb.POST, "Patient", patient(TestPatients.uniqueWord()))
			.setFullUrl("urn:uuid:5f1c2a4e-0000-4000-8000-000000000001");

		Bundle response = parse(post(bundle));

		assertThat(response.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
			.containsExactly("201 Created", "201 Created");
		String allergyLocation = response.getEntry().get(0).getResponse().getLocation();
		String patientLocation = response.getEntry().get(1).getResponse().getLocation();
		assertThat(allergyLocation).startsWith("AllergyIntolerance/").endsWith("/_history/1");
		assertThat(patientLocation).startsWith("Patient/").endsWith("/_history/1");
		assertThat(response.getEntry().get(1).getResponse().getEtag()).isEqualTo("W/\"1\"");
		String patientId = patientLocation.split("/")[1];
		AllergyIntolerance stored = client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withId(allergyLocation.split("/")[1])
			.execute();
		assertThat(stored.getPatient().getReference()).isEqualTo("Patient/" + patientId);
		FhirTestSupport.assertValid(response);
		assertThat(jdbc
			.sql("select count(*) from audit_log where action = 'CREATE' and resource_type = "
					+ "'AllergyIntolerance' and patient_id = :patient")
			.param("patient", patientId)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aFailingEntryRollsBackTheWholeTransactionAndAnswersItsOutcome() throws Exception {
		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		entry(bundle, HTTPVerb.POST, "Patient", patient(TestPatients.uniqueWord()))
			.setFullUrl("urn:uuid:6a1c2a4e-0000-4000-8000-000000000001");
		entry(bundle, HTTPVerb.POST, "AllergyIntolerance", allergy("urn:uuid:6a1c2a4e-0000-4000-8000-000000000001"))
			.setFullUrl("urn:uuid:6a1c2a4e-0000-4000-8000-000000000002");
		// Refused: a subject that does not exist (422).
		entry(bundle, HTTPVerb.POST, "AllergyIntolerance", allergy("Patient/999999999999"));

		String diagnostics = FhirTestClient.assertOperationOutcome(post(bundle), 422);

		assertThat(diagnostics).contains("Bundle.entry[2]").contains("wrote nothing");
		assertThat(patientsNamed()).isZero();
	}

	@Test
	void conditionalCreateInsideATransactionFindsTheExistingPatient() throws Exception {
		String identifier = TestPatients.uniqueWord();
		Bundle first = new Bundle().setType(BundleType.TRANSACTION);
		entry(first, HTTPVerb.POST, "Patient", patient(identifier)).getRequest()
			.setIfNoneExist("identifier=" + SYSTEM + "|" + identifier);
		String created = parse(post(first)).getEntryFirstRep().getResponse().getLocation();

		Bundle again = new Bundle().setType(BundleType.TRANSACTION);
		entry(again, HTTPVerb.POST, "Patient", patient(identifier))
			.setFullUrl("urn:uuid:7b1c2a4e-0000-4000-8000-000000000001")
			.getRequest()
			.setIfNoneExist("identifier=" + SYSTEM + "|" + identifier);
		entry(again, HTTPVerb.POST, "AllergyIntolerance", allergy("urn:uuid:7b1c2a4e-0000-4000-8000-000000000001"));
		Bundle response = parse(post(again));

		assertThat(response.getEntry().get(0).getResponse().getStatus()).isEqualTo("200 OK");
		assertThat(response.getEntry().get(0).getResponse().getLocation()).isEqualTo(created);
		assertThat(patientsNamed()).isEqualTo(1);
		String allergy = response.getEntry().get(1).getResponse().getLocation().split("/")[1];
		assertThat(client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withId(allergy)
			.execute()
			.getPatient()
			.getReference()).isEqualTo("Patient/" + created.split("/")[1]);
	}

	@Test
	void aStaleIfMatchInAnEntryFailsTheTransactionWith412() throws Exception {
		Bundle first = new Bundle().setType(BundleType.TRANSACTION);
		entry(first, HTTPVerb.POST, "Patient", patient(TestPatients.uniqueWord()));
		String id = parse(post(first)).getEntryFirstRep().getResponse().getLocation().split("/")[1];
		Patient changed = client.fhir.read().resource(Patient.class).withId(id).execute();
		changed.getNameFirstRep().setFamily(family + "x");

		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		entry(bundle, HTTPVerb.PUT, "Patient/" + id, changed).getRequest().setIfMatch("W/\"7\"");
		FhirTestClient.assertOperationOutcome(post(bundle), 412);

		bundle.getEntryFirstRep().getRequest().setIfMatch("W/\"1\"");
		entry(bundle, HTTPVerb.GET, "Patient/" + id, null);
		Bundle response = parse(post(bundle));
		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
			.containsExactly("200 OK", "200 OK");
		assertThat(response.getEntry().get(0).getResponse().getEtag()).isEqualTo("W/\"2\"");
		// GET runs after PUT (R4 http.html#trules), so it reads the updated patient.
		assertThat(((Patient) response.getEntry().get(1).getResource()).getNameFirstRep().getFamily())
			.isEqualTo(family + "x");
	}

	@Test
	void batchEntriesSucceedOrFailEachOnTheirOwn() throws Exception {
		Bundle bundle = new Bundle().setType(BundleType.BATCH);
		entry(bundle, HTTPVerb.POST, "Patient", patient(TestPatients.uniqueWord()));
		entry(bundle, HTTPVerb.POST, "AllergyIntolerance", allergy("Patient/999999999999"));
		entry(bundle, HTTPVerb.GET, "Patient/999999999999", null);
		entry(bundle, HTTPVerb.GET, "Patient?family=" + family, null);

		Bundle response = parse(post(bundle));

		assertThat(response.getType()).isEqualTo(BundleType.BATCHRESPONSE);
		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus().substring(0, 3))
			.containsExactly("201", "422", "404", "200");
		assertThat(response.getEntry().get(1).getResponse().getOutcome()).isInstanceOf(OperationOutcome.class);
		assertThat(((Bundle) response.getEntry().get(3).getResource()).getTotal()).isEqualTo(1);
		assertThat(patientsNamed()).isEqualTo(1);
		FhirTestSupport.assertValid(response);
	}

	@Test
	void malformedAndOversizedBundlesAreRefused() throws Exception {
		assertThat(FhirTestClient.assertOperationOutcome(post(new Bundle().setType(BundleType.COLLECTION)), 400))
			.contains("transaction or batch");
		Bundle noMethod = new Bundle().setType(BundleType.TRANSACTION);
		noMethod.addEntry().setResource(patient(TestPatients.uniqueWord()));
		FhirTestClient.assertOperationOutcome(post(noMethod), 400);
		Bundle wrongType = new Bundle().setType(BundleType.TRANSACTION);
		entry(wrongType, HTTPVerb.POST, "Condition", patient(TestPatients.uniqueWord()));
		FhirTestClient.assertOperationOutcome(post(wrongType), 400);
		Bundle twice = new Bundle().setType(BundleType.TRANSACTION);
		entry(twice, HTTPVerb.POST, "Patient", patient(TestPatients.uniqueWord()))
			.setFullUrl("urn:uuid:8c1c2a4e-0000-4000-8000-000000000001");
		entry(twice, HTTPVerb.POST, "Patient", patient(TestPatients.uniqueWord()))
			.setFullUrl("urn:uuid:8c1c2a4e-0000-4000-8000-000000000001");
		FhirTestClient.assertOperationOutcome(post(twice), 400);
		assertThat(patientsNamed()).isZero();

		Bundle large = new Bundle().setType(BundleType.BATCH);
		for (int i = 0; i < 501; i++) {
			entry(large, HTTPVerb.GET, "Patient/1", null);
		}
		assertThat(FhirTestClient.assertOperationOutcome(post(large), 413)).contains("500");
	}

	@Test
	void theCapabilityStatementStatesBatchTransactionHistoryAndPatch() throws Exception {
		HttpResponse<String> response = client.get("metadata");
		org.hl7.fhir.r4.model.CapabilityStatement statement = FhirTestClient.CONTEXT.newJsonParser()
			.parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, response.body());
		assertThat(statement.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
			.contains("transaction", "batch");
		var patient = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals("Patient"))
			.findFirst()
			.orElseThrow();
		assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode())
			.contains("history-instance", "history-type", "patch");
		assertThat(patient.getConditionalDelete().toCode()).isEqualTo("not-supported");
	}

	@Test
	void entriesAreAccessChecked() throws Exception {
		FhirTestClient labtech = new FhirTestClient(port, "labtech");
		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		entry(bundle, HTTPVerb.POST, "Patient", patient(TestPatients.uniqueWord()));
		HttpResponse<String> response = labtech.send("POST", "", "application/fhir+json",
				FhirTestClient.CONTEXT.newJsonParser().encodeResourceToString(bundle));
		FhirTestClient.assertOperationOutcome(response, 403);
		assertThat(patientsNamed()).isZero();
	}

}
