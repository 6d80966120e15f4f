package continuum.patients;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code _history} of patients and clinical entries over HTTP: instance and type level,
 * {@code _since}, {@code _count} with paging, deletions shown as such, audit and the
 * restricted-record rule.
 */
@ContinuumIntegrationTest
class PatientHistoryFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	JdbcClient jdbc;

	FhirTestClient client;

	String family;

	@BeforeEach
	void signIn() {
		client = new FhirTestClient(port, "physician");
		family = "Historiek" + TestPatients.uniqueWord();
	}

	Patient newPatient() {
		Patient patient = new Patient();
		patient.addName().setFamily(family).addGiven("Marthe");
		patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-03-04"));
		IdType id = (IdType) client.fhir.create().resource(patient).execute().getId();
		return client.fhir.read().resource(Patient.class).withId(id.toVersionless()).execute();
	}

	Patient update(Patient patient, String phone) {
		patient.getTelecom().clear();
		patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue(phone);
		client.fhir.update().resource(patient).execute();
		return client.fhir.read().resource(Patient.class).withId(patient.getIdElement().toVersionless()).execute();
	}

	Bundle history(String path) throws Exception {
		HttpResponse<String> response = client.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FhirTestClient.CONTEXT.newJsonParser().parseResource(Bundle.class, response.body());
	}

	static String instant(Instant at) {
		return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
	}

	@Test
	void instanceHistoryListsEveryVersionNewestFirstWithRequestAndResponse() throws Exception {
		Patient patient = update(update(newPatient(), "+32 9 111 11 11"), "+32 9 222 22 22");
		String id = patient.getIdElement().getIdPart();

		Bundle history = history("Patient/" + id + "/_history");

		assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
		assertThat(history.getTotal()).isEqualTo(3);
		assertThat(history.getEntry()).extracting(e -> e.getResource().getMeta().getVersionId())
			.containsExactly("3", "2", "1");
		assertThat(history.getEntry()).extracting(e -> e.getRequest().getMethod())
			.containsExactly(Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST);
		assertThat(history.getEntry()).extracting(e -> e.getResponse().getStatus())
			.containsExactly("200 OK", "200 OK", "201 Created");
		assertThat(history.getEntryFirstRep().getResponse().getEtag()).isEqualTo("W/\"3\"");
		assertThat(((Patient) history.getEntry().get(2).getResource()).getTelecom()).isEmpty();
		FhirTestSupport.assertValid(history);
		// vread of a version the history lists
		Patient first = client.fhir.read().resource(Patient.class).withIdAndVersion(id, "1").execute();
		assertThat(first.getMeta().getVersionId()).isEqualTo("1");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Patient' and resource_id = :id
				  and action = 'READ' and detail like 'history:%'""").param("id", id).query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void countPagesThroughTheHistoryAndSinceLeavesOutOlderVersions() throws Exception {
		Patient second = update(newPatient(), "+32 9 333 33 33");
		update(second, "+32 9 444 44 44");
		String id = second.getIdElement().getIdPart();

		Bundle page = history("Patient/" + id + "/_history?_count=2");
		assertThat(page.getEntry()).extracting(e -> e.getResource().getMeta().getVersionId()).containsExactly("3", "2");
		assertThat(page.getLink("next")).isNotNull();
		String next = page.getLink("next").getUrl();
		Bundle rest = history(next.substring(next.indexOf("/fhir/") + 6));
		assertThat(rest.getEntry()).extracting(e -> e.getResource().getMeta().getVersionId()).containsExactly("1");

		Bundle since = history(
				"Patient/" + id + "/_history?_since=" + instant(second.getMeta().getLastUpdated().toInstant()));
		assertThat(since.getEntry()).extracting(e -> e.getResource().getMeta().getVersionId())
			.containsExactly("3", "2");
	}

	@Test
	void aDeletedEntryShowsItsDeletionInItsHistory() throws Exception {
		Patient patient = newPatient();
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + patient.getIdElement().getIdPart()));
		allergy.setCode(
				new CodeableConcept(new Coding("http://snomed.info/sct", "764146007", null)).setText("Penicillin"));
		allergy.setClinicalStatus(
				new CodeableConcept(new Coding(ClinicalFhirIntegrationTests.ALLERGY_CLINICAL, "active", null)));
		IdType id = (IdType) client.fhir.create().resource(allergy).execute().getId();
		// No role may delete clinical entries over the API; the service may, as the
		// server.
		clinical.delete(ClinicalKind.ALLERGIES, Long.parseLong(id.getIdPart()));

		Bundle history = history("AllergyIntolerance/" + id.getIdPart() + "/_history");

		assertThat(history.getEntry()).extracting(e -> e.getRequest().getMethod())
			.containsExactly(Bundle.HTTPVerb.DELETE, Bundle.HTTPVerb.POST);
		assertThat(history.getEntryFirstRep().hasResource()).isFalse();
		assertThat(history.getEntry().get(1).getResource()).isInstanceOf(AllergyIntolerance.class);
		FhirTestSupport.assertValid(history);
	}

	@Test
	void typeHistoryShowsTheVersionsSinceAndLeavesOutRestrictedRecords() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		Patient open = update(newPatient(), "+32 9 555 55 55");
		Patient restricted = newPatient();
		restrictions.restrict(new PatientId(Long.parseLong(restricted.getIdElement().getIdPart())),
				RestrictionKind.VIP);
		update(open, "+32 9 666 66 66");

		Bundle history = history("Patient/_history?_count=500&_since=" + instant(before));

		List<String> ids = history.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
		assertThat(ids).contains(open.getIdElement().getIdPart());
		assertThat(ids).doesNotContain(restricted.getIdElement().getIdPart());
		assertThat(history.getEntry())
			.allSatisfy(e -> assertThat(e.getResource().getMeta().getLastUpdated().toInstant())
				.isAfterOrEqualTo(before.minusMillis(1)));

		FhirTestClient
			.assertOperationOutcome(client.get("Patient/" + restricted.getIdElement().getIdPart() + "/_history"), 403);
	}

	@Test
	void typeHistoryOfAClinicalKindPages() throws Exception {
		Bundle page = history("Condition/_history?_count=3");
		assertThat(page.getType()).isEqualTo(Bundle.BundleType.HISTORY);
		assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(3);
		assertThat(page.getEntry()).allSatisfy(e -> assertThat(e.getRequest().hasMethod()).isTrue());
	}

	@Test
	void encountersAndAppointmentsHaveTypeHistoryAndPagedInstanceHistory() throws Exception {
		Bundle encounters = history("Encounter/_history?_count=2");
		assertThat(encounters.getType()).isEqualTo(Bundle.BundleType.HISTORY);
		assertThat(encounters.getEntry()).hasSize(2).allSatisfy(e -> assertThat(e.getRequest().hasMethod()).isTrue());
		assertThat(encounters.getLink("next")).isNotNull();
		String encounter = encounters.getEntryFirstRep().getResource().getIdElement().getIdPart();
		Bundle one = history("Encounter/" + encounter + "/_history?_count=1");
		assertThat(one.getEntry()).hasSize(1);
		assertThat(one.getTotal()).isGreaterThanOrEqualTo(1);

		FhirTestClient scheduler = new FhirTestClient(port, "scheduler");
		HttpResponse<String> appointments = scheduler.get("Appointment/_history?_count=2");
		assertThat(appointments.statusCode()).as(appointments.body()).isEqualTo(200);
		Bundle page = FhirTestClient.CONTEXT.newJsonParser().parseResource(Bundle.class, appointments.body());
		assertThat(page.getEntry()).hasSize(2);
		FhirTestSupport.assertValid(page);
	}

	@Test
	void unsupportedHistoryParametersAndUnknownIdsAreRefused() throws Exception {
		assertThat(FhirTestClient.assertOperationOutcome(client.get("Patient/_history?_at=2026-01-01"), 400))
			.contains("_at");
		FhirTestClient.assertOperationOutcome(client.get("Patient/999999999999/_history"), 404);
		FhirTestClient.assertOperationOutcome(client.get("Condition/999999999999/_history"), 404);
		FhirTestClient.assertOperationOutcome(client.get("Patient/_history?_since=yesterday"), 400);
	}

}
