package continuum.patients;

import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.changes.ChangeFeed;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FHIR AllergyIntolerance, MedicationStatement and Condition: interactions, searches,
 * includes and errors.
 */
@ContinuumIntegrationTest
class ClinicalFhirIntegrationTests {

	static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	ChangeFeed feed;

	@Autowired
	JdbcClient jdbc;

	FhirTestClient client;

	PatientId patient;

	@BeforeEach
	void patientWithNothingYet() {
		client = new FhirTestClient(port, "physician");
		patient = patients.register(TestPatients.data("Verstraete", TestPatients.uniqueWord())).id();
	}

	AllergyIntolerance allergy(String substance, String status, String recorded) {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + patient));
		allergy
			.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "764146007", null)).setText(substance));
		allergy.setClinicalStatus(new CodeableConcept(new Coding(ALLERGY_CLINICAL, status, null)));
		allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
		allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
		allergy.setRecordedDateElement(new DateTimeType(recorded));
		allergy.addReaction()
			.addManifestation(new CodeableConcept().setText("Anaphylaxis"))
			.setSeverity(AllergyIntolerance.AllergyIntoleranceSeverity.SEVERE);
		return allergy;
	}

	String json(Resource resource) {
		return FhirTestClient.CONTEXT.newJsonParser().encodeResourceToString(resource);
	}

	Bundle search(String url) {
		return client.fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
	}

	@Test
	void allergyRoundTripsThroughCreateReadUpdateAndVread() {
		IIdType id = client.fhir.create().resource(allergy("Penicillin", "active", "2020-03-04")).execute().getId();
		AllergyIntolerance read = client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withId(id.getIdPart())
			.execute();
		assertThat(read.getCode().getText()).isEqualTo("Penicillin");
		assertThat(read.getCriticality()).isEqualTo(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
		assertThat(read.getReactionFirstRep().getManifestationFirstRep().getText()).isEqualTo("Anaphylaxis");
		read.getClinicalStatus().getCodingFirstRep().setCode("resolved");
		client.fhir.update().resource(read).withId(read.getIdElement()).execute();
		assertThat(client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withIdAndVersion(id.getIdPart(), "1")
			.execute()
			.getClinicalStatus()
			.getCodingFirstRep()
			.getCode()).isEqualTo("active");
		FhirTestSupport.assertValid(read);
		feed.sequencePending();
		assertThat(jdbc
			.sql("select operation from change_feed where resource_type = 'AllergyIntolerance'"
					+ " and resource_id = :id order by seq")
			.param("id", id.getIdPart())
			.query(String.class)
			.list()).containsExactly("CREATE", "UPDATE");
		assertThat(jdbc
			.sql("select action from audit_log where resource_type = 'AllergyIntolerance'"
					+ " and resource_id = :id order by id")
			.param("id", id.getIdPart())
			.query(String.class)
			.list()).containsExactly("CREATE", "READ", "UPDATE", "READ");
	}

	@Test
	void staleIfMatchOnAnAllergyIs412() throws Exception {
		IIdType id = client.fhir.create().resource(allergy("Latex", "active", "2021-01-01")).execute().getId();
		AllergyIntolerance read = client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withId(id.getIdPart())
			.execute();
		FhirTestClient.assertOperationOutcome(client.send("PUT", "AllergyIntolerance/" + id.getIdPart(),
				"application/fhir+json", json(read), "If-Match", "W/\"3\""), 412);
	}

	@Test
	void allergySearchFiltersByPatientStatusAndDateAndIncludesThePatient() {
		client.fhir.create().resource(allergy("Penicillin", "active", "2019-06-01")).execute();
		client.fhir.create().resource(allergy("Peanut", "resolved", "2010-06-01")).execute();
		Bundle active = search("AllergyIntolerance?patient=" + patient + "&clinical-status=active"
				+ "&_include=AllergyIntolerance:patient");
		assertThat(active.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.containsExactlyInAnyOrder("AllergyIntolerance:MATCH", "Patient:INCLUDE");
		assertThat(search("AllergyIntolerance?patient=Patient/" + patient + "&date=lt2015").getEntry())
			.extracting(e -> ((AllergyIntolerance) e.getResource()).getCode().getText())
			.containsExactly("Peanut");
		assertThat(search("AllergyIntolerance?patient=" + patient + "&clinical-status=active,resolved").getTotal())
			.isEqualTo(2);
	}

	@Test
	void medicationStatementSearchFiltersByStatusAndEffectiveDate() {
		for (String[] m : new String[][] { { "active", "2024-01-01" }, { "completed", "2015-05-05" } }) {
			MedicationStatement statement = new MedicationStatement();
			statement.setSubject(new Reference("Patient/" + patient));
			statement.setStatus(MedicationStatement.MedicationStatementStatus.fromCode(m[0]));
			statement.setMedication(new CodeableConcept(new Coding("http://www.whocc.no/atc", "N02BE01", null))
				.setText("Paracetamol 1 g tablet"));
			statement.setEffective(new Period().setStartElement(new DateTimeType(m[1])));
			statement.addDosage().setText("1 g oral 4 times a day");
			client.fhir.create().resource(statement).execute();
		}
		Bundle active = search("MedicationStatement?patient=" + patient + "&status=active");
		assertThat(active.getEntry()).hasSize(1);
		FhirTestSupport.assertValid(active.getEntryFirstRep().getResource());
		assertThat(search("MedicationStatement?patient=" + patient + "&effective=ge2020-01-01").getTotal())
			.isEqualTo(1);
		assertThat(
				search("MedicationStatement?patient=" + patient + "&_include=MedicationStatement:patient").getEntry())
			.extracting(e -> e.getResource().fhirType())
			.containsExactlyInAnyOrder("MedicationStatement", "MedicationStatement", "Patient");
	}

	@Test
	void conditionSearchFiltersByClinicalStatusAndOnset() {
		for (String[] c : new String[][] { { "active", "2001-02-03" }, { "resolved", "1999-09-09" } }) {
			Condition condition = new Condition();
			condition.setSubject(new Reference("Patient/" + patient));
			condition.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10", "I10", null))
				.setText("Essential (primary) hypertension"));
			condition.setClinicalStatus(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", c[0], null)));
			condition.setOnset(new DateTimeType(c[1]));
			client.fhir.create().resource(condition).execute();
		}
		assertThat(search("Condition?patient=" + patient + "&clinical-status=resolved").getTotal()).isEqualTo(1);
		assertThat(search("Condition?patient=" + patient + "&onset-date=2001").getTotal()).isEqualTo(1);
		search("Condition?patient=" + patient).getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
	}

	@Test
	void deletedAllergyIs410() throws Exception {
		IIdType id = client.fhir.create().resource(allergy("Codeine", "active", "2022-02-02")).execute().getId();
		clinical.delete(ClinicalKind.ALLERGIES, id.getIdPartAsLong());
		FhirTestClient.assertOperationOutcome(client.get("AllergyIntolerance/" + id.getIdPart()), 410);
		assertThat(search("AllergyIntolerance?patient=" + patient).getTotal()).isZero();
	}

	@Test
	void deleteThroughFhirIsRefusedForEveryClinicalRole() throws Exception {
		IIdType id = client.fhir.create().resource(allergy("Codeine", "active", "2022-02-02")).execute().getId();
		FhirTestClient.assertOperationOutcome(client.send("DELETE", "AllergyIntolerance/" + id.getIdPart(), null, null),
				403);
		assertThat(client.fhir.read().resource(AllergyIntolerance.class).withId(id.getIdPart()).execute()).isNotNull();
	}

	@Test
	void noKnownAllergyCannotContradictAnAllergyOnFileAndAnAllergyEndsIt() throws Exception {
		AllergyIntolerance none = new AllergyIntolerance();
		none.setPatient(new Reference("Patient/" + patient));
		none.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "716186003", "No known allergy")));
		none.setClinicalStatus(new CodeableConcept(new Coding(ALLERGY_CLINICAL, "active", null)));
		IIdType noneId = client.fhir.create().resource(none).execute().getId();

		client.fhir.create().resource(allergy("Penicillin", "active", "2020-03-04")).execute();
		AllergyIntolerance ended = client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withId(noneId.getIdPart())
			.execute();
		assertThat(ended.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("inactive");
		assertThat(ended.getMeta().getVersionId()).isEqualTo("2");

		long before = jdbc.sql("select count(*) from allergy_intolerance").query(Long.class).single();
		assertThat(FhirTestClient.assertOperationOutcome(
				client.send("POST", "AllergyIntolerance", "application/fhir+json", json(none.setId((String) null))),
				422))
			.contains("Penicillin", "would contradict them");
		assertThat(jdbc.sql("select count(*) from allergy_intolerance").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aConditionKeepsItsCategoryThroughUpdateAndVersions() throws Exception {
		String categories = "http://terminology.hl7.org/CodeSystem/condition-category";
		Condition diagnosis = new Condition();
		diagnosis.setSubject(new Reference("Patient/" + patient));
		diagnosis.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "230690007", "Stroke")));
		diagnosis.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
		diagnosis.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "439401001", "Diagnosis")))
			.addCategory(new CodeableConcept(new Coding(categories, "encounter-diagnosis", null)));
		IIdType id = client.fhir.create().resource(diagnosis).execute().getId().toUnqualifiedVersionless();

		Condition read = client.fhir.read().resource(Condition.class).withId(id).execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getCategory()).singleElement()
			.satisfies(c -> assertThat(c.getCodingFirstRep().getSystem()).isEqualTo(categories))
			.satisfies(c -> assertThat(c.getCodingFirstRep().getCode()).isEqualTo("encounter-diagnosis"));
		// An update that names the problem list moves it there; the first version keeps
		// its
		// category.
		read.setCategory(List.of(new CodeableConcept(new Coding(categories, "problem-list-item", null))));
		client.fhir.update().resource(read).execute();
		assertThat(client.fhir.read()
			.resource(Condition.class)
			.withId(id)
			.execute()
			.getCategoryFirstRep()
			.getCodingFirstRep()
			.getCode()).isEqualTo("problem-list-item");
		assertThat(client.fhir.read()
			.resource(Condition.class)
			.withId(id.withVersion("1"))
			.execute()
			.getCategoryFirstRep()
			.getCodingFirstRep()
			.getCode()).isEqualTo("encounter-diagnosis");

		// A code of that system R4 does not define is refused, not turned into another
		// one.
		Condition unknown = diagnosis.copy();
		unknown.setCategory(List.of(new CodeableConcept(new Coding(categories, "health-concern", null))));
		assertThat(FhirTestClient
			.assertOperationOutcome(client.send("POST", "Condition", "application/fhir+json", json(unknown)), 422))
			.contains("Condition.category");
		// Without one of R4's categories it is an entry of the problem list.
		Condition plain = diagnosis.copy();
		plain.setCategory(List.of());
		IIdType plainId = client.fhir.create().resource(plain).execute().getId();
		assertThat(client.fhir.read()
			.resource(Condition.class)
			.withId(plainId.toUnqualifiedVersionless())
			.execute()
			.getCategoryFirstRep()
			.getCodingFirstRep()
			.getCode()).isEqualTo("problem-list-item");
	}

	@Test
	void invalidClinicalResourcesAre422AndWriteNothing() throws Exception {
		long before = jdbc.sql("select count(*) from allergy_intolerance").query(Long.class).single();
		AllergyIntolerance noPatient = allergy("Latex", "active", "2020-01-01");
		noPatient.setPatient(null);
		assertThat(FhirTestClient.assertOperationOutcome(
				client.send("POST", "AllergyIntolerance", "application/fhir+json", json(noPatient)), 422))
			.contains("patient");
		AllergyIntolerance unknownPatient = allergy("Latex", "active", "2020-01-01");
		unknownPatient.setPatient(new Reference("Patient/987654321987"));
		FhirTestClient.assertOperationOutcome(
				client.send("POST", "AllergyIntolerance", "application/fhir+json", json(unknownPatient)), 422);
		AllergyIntolerance noStatus = allergy("Latex", "active", "2020-01-01");
		noStatus.setClinicalStatus(null);
		assertThat(FhirTestClient.assertOperationOutcome(
				client.send("POST", "AllergyIntolerance", "application/fhir+json", json(noStatus)), 422))
			.contains("clinicalStatus");
		String badStatus = "{\"resourceType\":\"MedicationStatement\",\"status\":\"taking\",\"subject\":{\"reference\":\"Patient/"
				+ patient + "\"},\"medicationCodeableConcept\":{\"text\":\"Paracetamol\"}}";
		FhirTestClient.assertOperationOutcome(
				client.send("POST", "MedicationStatement", "application/fhir+json", badStatus), 422);
		Condition noCode = new Condition();
		noCode.setSubject(new Reference("Patient/" + patient));
		noCode.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
		assertThat(FhirTestClient
			.assertOperationOutcome(client.send("POST", "Condition", "application/fhir+json", json(noCode)), 422))
			.contains("Condition.code");
		assertThat(jdbc.sql("select count(*) from allergy_intolerance").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void everythingShowsARadiographerOnlyWhatTheRoleMaySee() {
		clinical.record(ClinicalKind.ALLERGIES, Allergy.of(patient, ClinicalCode.text("Iodinated contrast media"),
				"medication", "high", "active", "confirmed", List.of("Bronchospasm"), "severe", null));
		clinical.record(ClinicalKind.PROBLEMS,
				Problem.of(patient, ClinicalCode.text("Asthma"), "active", "confirmed", null));
		Bundle everything = new FhirTestClient(port, "radiographer").fhir.operation()
			.onInstance("Patient/" + patient)
			.named("$everything")
			.withNoParameters(org.hl7.fhir.r4.model.Parameters.class)
			.returnResourceType(Bundle.class)
			.execute();
		assertThat(everything.getEntry()).extracting(e -> e.getResource().fhirType())
			.containsExactly("Patient", "AllergyIntolerance");
	}

	@Test
	void enteredInErrorAllergyOmitsClinicalStatusAndStillValidates() {
		Allergy recorded = clinical.record(ClinicalKind.ALLERGIES, Allergy.of(patient, ClinicalCode.text("Aspirin"),
				"medication", "low", "inactive", "entered-in-error", List.of(), null, null));
		AllergyIntolerance read = client.fhir.read()
			.resource(AllergyIntolerance.class)
			.withId(Long.toString(recorded.id()))
			.execute();
		assertThat(read.hasClinicalStatus()).isFalse();
		FhirTestSupport.assertValid(read);
	}

}
