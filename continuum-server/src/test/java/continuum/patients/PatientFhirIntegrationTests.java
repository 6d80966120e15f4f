package continuum.patients;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FHIR Patient endpoint: interactions, version checks, conditional create under
 * races, errors as OperationOutcome.
 */
@ContinuumIntegrationTest
class PatientFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	FhirTestClient client;

	@BeforeEach
	void signIn() {
		client = new FhirTestClient(port, "physician");
	}

	static Patient patient(String family, String given) {
		Patient patient = new Patient();
		patient.addName().setFamily(family).addGiven(given);
		patient.setGender(AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1985-07-30"));
		return patient;
	}

	String json(Patient patient) {
		return FhirTestClient.CONTEXT.newJsonParser().encodeResourceToString(patient);
	}

	long patientCount() {
		return jdbc.sql("select count(*) from patient").query(Long.class).single();
	}

	@Test
	void createReadUpdateAndVreadKeepEveryVersion() {
		String given = TestPatients.uniqueWord();
		MethodOutcome created = client.fhir.create().resource(patient("Lemaître", given)).execute();
		assertThat(created.getCreated()).isTrue();
		IIdType id = created.getId().toUnqualified();
		assertThat(id.getVersionIdPart()).isEqualTo("1");
		Patient read = client.fhir.read().resource(Patient.class).withId(id.getIdPart()).execute();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Lemaître");
		assertThat(read.getIdentifier())
			.anyMatch(i -> Identifier.MRN_SYSTEM.equals(i.getSystem()) && Mrn.isValid(i.getValue()));
		read.getNameFirstRep().setFamily("Lemaître-Dubois");
		MethodOutcome updated = client.fhir.update().resource(read).withId(read.getIdElement()).execute();
		assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
		Patient first = client.fhir.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
		assertThat(first.getNameFirstRep().getFamily()).isEqualTo("Lemaître");
		assertThat(first.getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void twoClientsUpdatingTheSameVersionOneWinsTheOtherGets412() throws Exception {
		IIdType id = client.fhir.create().resource(patient("Janssens", TestPatients.uniqueWord())).execute().getId();
		Patient base = client.fhir.read().resource(Patient.class).withId(id.getIdPart()).execute();
		FhirTestClient other = new FhirTestClient(port, "nurse");
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<String>> results = new ArrayList<>();
		for (FhirTestClient c : List.of(client, other)) {
			String phone = c == client ? "+32 470 11 11 11" : "+32 470 22 22 22";
			results.add(pool.submit(() -> {
				Patient copy = base.copy();
				copy.getTelecom().clear();
				copy.addTelecom()
					.setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
					.setValue(phone);
				go.await();
				HttpResponse<String> response = c.send("PUT", "Patient/" + id.getIdPart(), "application/fhir+json",
						json(copy), "If-Match", "W/\"1\"");
				return response.statusCode() + " " + phone;
			}));
		}
		go.countDown();
		List<String> outcomes = new ArrayList<>();
		for (Future<String> result : results) {
			outcomes.add(result.get(30, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(outcomes).extracting(o -> o.substring(0, 3)).containsExactlyInAnyOrder("200", "412");
		String winner = outcomes.stream().filter(o -> o.startsWith("200")).findFirst().orElseThrow().substring(4);
		Patient now = client.fhir.read().resource(Patient.class).withId(id.getIdPart()).execute();
		assertThat(now.getMeta().getVersionId()).isEqualTo("2");
		assertThat(now.getTelecomFirstRep().getValue()).isEqualTo(winner);
	}

	@Test
	void updateWithStaleIfMatchIsRefusedWith412AndChangesNothing() throws Exception {
		IIdType id = client.fhir.create().resource(patient("Peeters", TestPatients.uniqueWord())).execute().getId();
		Patient current = client.fhir.read().resource(Patient.class).withId(id.getIdPart()).execute();
		current.getNameFirstRep().setFamily("Changed");
		HttpResponse<String> response = client.send("PUT", "Patient/" + id.getIdPart(), "application/fhir+json",
				json(current), "If-Match", "W/\"7\"");
		assertThat(FhirTestClient.assertOperationOutcome(response, 412)).contains("version 1");
		assertThatThrownBy(() -> client.fhir.update().resource(current).withId(id.withVersion("5")).execute())
			.isInstanceOf(PreconditionFailedException.class);
		assertThat(client.fhir.read()
			.resource(Patient.class)
			.withId(id.getIdPart())
			.execute()
			.getNameFirstRep()
			.getFamily()).isEqualTo("Peeters");
	}

	@Test
	void sixteenConcurrentConditionalCreatesLeaveExactlyOnePatient() throws Exception {
		String ssin = TestPatients.nationalNumber(LocalDate.of(1990, 3, 14));
		String condition = "identifier=" + Identifier.SSIN_SYSTEM + "|" + ssin;
		Patient resource = patient("Vandenbroucke", TestPatients.uniqueWord());
		resource.addIdentifier().setSystem(Identifier.SSIN_SYSTEM).setValue(ssin);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch go = new CountDownLatch(1);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			calls.add(() -> {
				go.await();
				return client.send("POST", "Patient", "application/fhir+json", json(resource), "If-None-Exist",
						condition);
			});
		}
		List<Future<HttpResponse<String>>> futures = new ArrayList<>();
		calls.forEach(c -> futures.add(pool.submit(c)));
		go.countDown();
		List<Integer> statuses = new ArrayList<>();
		Set<String> locations = new java.util.HashSet<>();
		for (Future<HttpResponse<String>> future : futures) {
			HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
			statuses.add(response.statusCode());
			Patient answered = FhirTestClient.CONTEXT.newJsonParser().parseResource(Patient.class, response.body());
			locations.add(answered.getIdElement().getIdPart());
		}
		pool.shutdown();
		assertThat(statuses).containsOnly(200, 201);
		assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
		assertThat(locations).hasSize(1);
		assertThat(jdbc.sql("select count(*) from patient_identifier where system = :s and value = :v")
			.param("s", Identifier.SSIN_SYSTEM)
			.param("v", ssin)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void conditionalCreateWhoseResourceLacksTheConditionsIdentifierIs400AndWritesNothing() throws Exception {
		long before = patientCount();
		String ssin = TestPatients.nationalNumber(LocalDate.of(1991, 5, 6));
		FhirTestClient.assertOperationOutcome(client.send("POST", "Patient", "application/fhir+json",
				json(patient("Mertens", TestPatients.uniqueWord())), "If-None-Exist",
				"identifier=" + Identifier.SSIN_SYSTEM + "|" + ssin), 400);
		assertThat(patientCount()).isEqualTo(before);
	}

	@Test
	void malformedJsonAndXmlAre400WithOperationOutcomeAndWriteNothing() throws Exception {
		long before = patientCount();
		FhirTestClient.assertOperationOutcome(
				client.send("POST", "Patient", "application/fhir+json", "{\"resourceType\":\"Patient\",\"name\":["),
				400);
		FhirTestClient.assertOperationOutcome(
				client.send("POST", "Patient", "application/fhir+xml", "<Patient xmlns=\"http://hl7.org/fhir\"><name>"),
				400);
		assertThat(patientCount()).isEqualTo(before);
	}

	@Test
	void unknownIdIs404WithOperationOutcome() throws Exception {
		FhirTestClient.assertOperationOutcome(client.get("Patient/987654321987"), 404);
		FhirTestClient.assertOperationOutcome(client.get("Patient/not-a-number"), 404);
		FhirTestClient.assertOperationOutcome(client.get("AllergyIntolerance/987654321987"), 404);
	}

	@Test
	void patientWithoutNameIs422AndWritesNothing() throws Exception {
		long before = patientCount();
		String diagnostics = FhirTestClient.assertOperationOutcome(client.send("POST", "Patient",
				"application/fhir+json", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}"), 422);
		assertThat(diagnostics).contains("name");
		assertThat(patientCount()).isEqualTo(before);
	}

	@Test
	void unknownGenderCodeIs422AndWritesNothing() throws Exception {
		long before = patientCount();
		String diagnostics = FhirTestClient.assertOperationOutcome(
				client.send("POST", "Patient", "application/fhir+json",
						"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Claes\"}],\"gender\":\"feminine\"}"),
				422);
		assertThat(diagnostics).contains("gender");
		assertThat(patientCount()).isEqualTo(before);
	}

	@Test
	void invalidNationalNumberIs422() throws Exception {
		String body = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Claes\"}],\"identifier\":[{\"system\":\""
				+ Identifier.SSIN_SYSTEM + "\",\"value\":\"85073003329\"}]}";
		assertThat(FhirTestClient.assertOperationOutcome(client.send("POST", "Patient", "application/fhir+json", body),
				422))
			.contains("mod-97");
	}

	@Test
	void oversizeBodyIsRefusedWith413() throws Exception {
		String huge = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}]}";
		HttpResponse<String> response = client.send("POST", "Patient", "application/fhir+json", huge);
		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void sqlAndScriptLookingNamesAreStoredAndReturnedVerbatim() {
		String family = "O'Brien\"); DROP TABLE patient; --";
		String given = "<script>alert('x')</script>";
		IIdType id = client.fhir.create().resource(patient(family, given)).execute().getId();
		Patient read = client.fhir.read().resource(Patient.class).withId(id.getIdPart()).execute();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo(family);
		assertThat(read.getNameFirstRep().getGivenAsSingleString()).isEqualTo(given);
	}

	@Test
	void readsAndSearchesThroughFhirAreAuditedWithTheUser() {
		String u = TestPatients.uniqueWord();
		IIdType id = client.fhir.create().resource(patient("Wouters", u)).execute().getId();
		client.fhir.read().resource(Patient.class).withId(id.getIdPart()).execute();
		client.fhir.search()
			.forResource(Patient.class)
			.where(Patient.FAMILY.matches().value("Wouters"))
			.and(Patient.GIVEN.matches().value(u))
			.returnBundle(Bundle.class)
			.execute();
		List<String> rows = jdbc.sql("""
				select action || ':' || username from audit_log
				where resource_type = 'Patient' and resource_id = :id order by id""")
			.param("id", id.getIdPart())
			.query(String.class)
			.list();
		assertThat(rows).containsExactly("CREATE:physician", "READ:physician", "SEARCH:physician");
	}

	@Test
	void readOfMergedDuplicateShowsReplacedByLinkToTheSurvivor() {
		IIdType survivor = client.fhir.create().resource(patient("Aerts", TestPatients.uniqueWord())).execute().getId();
		IIdType duplicate = client.fhir.create()
			.resource(patient("Aerts", TestPatients.uniqueWord()))
			.execute()
			.getId();
		mergeService.merge(new PatientId(duplicate.getIdPartAsLong()), new PatientId(survivor.getIdPartAsLong()));
		Patient read = client.fhir.read().resource(Patient.class).withId(duplicate.getIdPart()).execute();
		assertThat(read.getActive()).isFalse();
		assertThat(read.getLinkFirstRep().getType()).isEqualTo(Patient.LinkType.REPLACEDBY);
		assertThat(read.getLinkFirstRep().getOther().getReference()).isEqualTo("Patient/" + survivor.getIdPart());
	}

	@Autowired
	PatientMergeService mergeService;

}
