package continuum.fhir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional update, {@code PUT [type]?[search]} (R4 http.html#cond-update), alone and
 * in transactions: a Patient found by its identifier (created when none holds it), any
 * type with update by {@code _id}; several matches, a mismatched id and unsupported
 * conditions refused; the access rules and audit of a plain update; and conditional
 * delete refused as unsupported.
 */
@ContinuumIntegrationTest
class ConditionalUpdateIntegrationTests {

	static final String SYSTEM = "urn:continuum:test:conditional-update";

	static final String OTHER_SYSTEM = "urn:continuum:test:conditional-update-other";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RestrictionService restrictions;

	FhirHttp physician;

	String family;

	@BeforeEach
	void signIn() {
		physician = new FhirHttp(port, "physician");
		family = "Voorwaarde" + PatchOrdersSchedulingIntegrationTests.unique();
	}

	Patient patient(String system, String value, String given) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system).setValue(value);
		patient.addName().setFamily(family).addGiven(given);
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1975-08-09"));
		return patient;
	}

	static String condition(String system, String value) {
		return "Patient?identifier=" + URLEncoder.encode(system + "|" + value, StandardCharsets.UTF_8);
	}

	int patientsNamed() {
		return jdbc.sql("select count(*) from patient where family_name = :family")
			.param("family", family)
			.query(Integer.class)
			.single();
	}

	int audited(String action, String patient) {
		return jdbc
			.sql("select count(*) from audit_log where username = 'physician' and action = :action "
					+ "and resource_type = 'Patient' and patient_id = :patient and outcome = 'SUCCESS'")
			.param("action", action)
			.param("patient", patient)
			.query(Integer.class)
			.single();
	}

	@Test
	void noMatchRegistersThePatientAndAMatchIsUpdatedWithIfMatch() throws Exception {
		String value = PatchOrdersSchedulingIntegrationTests.unique();

		HttpResponse<String> first = physician.put(condition(SYSTEM, value), patient(SYSTEM, value, "Ines"));
		Patient created = FhirHttp.resource(first, 201, Patient.class);
		String id = created.getIdElement().getIdPart();
		// HAPI answers an update that created with Content-Location.
		assertThat(first.headers().firstValue("Location").or(() -> first.headers().firstValue("Content-Location")))
			.hasValueSatisfying(location -> assertThat(location).contains("Patient/" + id + "/_history/1"));
		assertThat(audited("CREATE", id)).isEqualTo(1);

		Patient renamed = FhirHttp.resource(physician.put(condition(SYSTEM, value), patient(SYSTEM, value, "Inez")),
				200, Patient.class);
		assertThat(renamed.getIdElement().getIdPart()).isEqualTo(id);
		assertThat(renamed.getMeta().getVersionId()).isEqualTo("2");
		assertThat(renamed.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Inez");
		assertThat(audited("UPDATE", id)).isEqualTo(1);

		FhirHttp.outcome(physician.put(condition(SYSTEM, value), patient(SYSTEM, value, "Ina"), "If-Match", "W/\"1\""),
				412);
		Patient withIfMatch = FhirHttp.resource(
				physician.put(condition(SYSTEM, value), patient(SYSTEM, value, "Ina"), "If-Match", "W/\"2\""), 200,
				Patient.class);
		assertThat(withIfMatch.getMeta().getVersionId()).isEqualTo("3");
		// The resource may name the patient the condition finds, and no other.
		Patient named = patient(SYSTEM, value, "Ina");
		named.setId(id);
		assertThat(FhirHttp.resource(physician.put(condition(SYSTEM, value), named), 200, Patient.class)
			.getIdElement()
			.getIdPart()).isEqualTo(id);
		named.setId("999999999");
		assertThat(FhirHttp.outcome(physician.put(condition(SYSTEM, value), named), 400)).contains("999999999");
		assertThat(patientsNamed()).isEqualTo(1);
	}

	@Test
	void aConditionMatchingSeveralPatientsIs412AndAConditionThatCannotMatchIs400() throws Exception {
		String value = PatchOrdersSchedulingIntegrationTests.unique();
		String one = created(patient(SYSTEM, value, "Roos"));
		String two = created(patient(OTHER_SYSTEM, value, "Lies"));

		assertThat(FhirHttp.outcome(physician.put("Patient?identifier=" + value, patient(SYSTEM, value, "Roos")), 412))
			.contains("2");

		// No match: a create needs no id and the identifier the condition names.
		FhirHttp.outcome(physician.put(condition(SYSTEM, value + "x"), patient(SYSTEM, value + "y", "Roos")), 400);
		Patient withId = patient(SYSTEM, value + "x", "Roos");
		withId.setId(one);
		FhirHttp.outcome(physician.put(condition(SYSTEM, value + "x"), withId), 400);
		FhirHttp.outcome(physician.put(condition(SYSTEM, value + "x"), patient(SYSTEM, value + "x", "Roos"), "If-Match",
				"W/\"1\""), 412);
		// Conditions the server does not match on.
		FhirHttp.outcome(physician.put("Patient?name=" + family, patient(SYSTEM, value, "Roos")), 400);
		FhirHttp.outcome(physician.put("Patient?identifier=%7C" + value, patient(SYSTEM, value, "Roos")), 400);
		FhirHttp.outcome(physician.put(condition(SYSTEM, value) + "&_id=" + one, patient(SYSTEM, value, "Roos")), 400);
		FhirHttp.outcome(physician.put("Patient?_id=" + one + "," + two, patient(SYSTEM, value, "Roos")), 400);

		assertThat(patientsNamed()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from patient where family_name = :family and version = 1")
			.param("family", family)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void anIdConditionUpdatesThatResourceAndNeverCreatesOne() throws Exception {
		String value = PatchOrdersSchedulingIntegrationTests.unique();
		String patient = created(patient(SYSTEM, value, "Fien"));
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + patient));
		allergy.setCode(
				new CodeableConcept(new Coding("http://snomed.info/sct", "764146007", null)).setText("Penicillin"));
		allergy.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
		String allergyId = FhirHttp
			.resource(physician.post("AllergyIntolerance", allergy), 201, AllergyIntolerance.class)
			.getIdElement()
			.getIdPart();

		allergy.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "resolved", null)));
		AllergyIntolerance resolved = FhirHttp.resource(
				physician.put("AllergyIntolerance?_id=" + allergyId, allergy, "If-Match", "W/\"1\""), 200,
				AllergyIntolerance.class);
		assertThat(resolved.getIdElement().getIdPart()).isEqualTo(allergyId);
		assertThat(resolved.getMeta().getVersionId()).isEqualTo("2");
		assertThat(resolved.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("resolved");

		Patient renamed = FhirHttp.resource(physician.put("Patient?_id=" + patient, patient(SYSTEM, value, "Fiene")),
				200, Patient.class);
		assertThat(renamed.getMeta().getVersionId()).isEqualTo("2");
		assertThat(FhirHttp.outcome(physician.put("Encounter?_id=999999999999", new org.hl7.fhir.r4.model.Encounter()),
				404))
			.contains("never creates");
		FhirHttp.outcome(physician.put("AllergyIntolerance?patient=" + patient, allergy), 400);
		// Types without a conditional update say so.
		FhirHttp.outcome(new FhirHttp(port, "admin").put("Location?_id=bed-1", new org.hl7.fhir.r4.model.Location()),
				400);
	}

	@Test
	void aRestrictedPatientIsRefusedAsByAPlainUpdate() throws Exception {
		String value = PatchOrdersSchedulingIntegrationTests.unique();
		String patient = created(patient(SYSTEM, value, "Zoë"));
		restrictions.restrict(new PatientId(Long.parseLong(patient)), RestrictionKind.VIP);

		FhirHttp.outcome(physician.put(condition(SYSTEM, value), patient(SYSTEM, value, "Zoe")), 403);
		FhirHttp.outcome(physician.put(condition(SYSTEM, value), patient(SYSTEM, value, "Zoe"), "If-Match", "W/\"1\""),
				403);
		FhirHttp.outcome(physician.put("Patient?_id=" + patient, patient(SYSTEM, value, "Zoe")), 403);

		assertThat(jdbc.sql("select given_names || ' ' || version from patient where id = :id")
			.param("id", Long.parseLong(patient))
			.query(String.class)
			.single()).isEqualTo("Zoë 1");
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = 'physician' and patient_id = :patient "
					+ "and outcome = 'DENIED'")
			.param("patient", patient)
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(3);
		assertThat(audited("UPDATE", patient)).isZero();
		// A role without update on Patient is refused before the condition is looked at.
		FhirHttp.outcome(new FhirHttp(port, "labtech").put(condition(SYSTEM, value), patient(SYSTEM, value, "Zoe")),
				403);
	}

	@Test
	void aConditionalUpdateInATransactionResolvesItsUrnUuidLikeACreate() throws Exception {
		String value = PatchOrdersSchedulingIntegrationTests.unique();
		String patientUrn = "urn:uuid:9d1c2a4e-0000-4000-8000-00000000000" + (value.length() % 10);
		Bundle first = transaction(value, patientUrn, "Noor");

		Bundle created = FhirHttp.resource(physician.post("", first), 200, Bundle.class);

		assertThat(created.getEntry()).extracting(e -> e.getResponse().getStatus())
			.containsExactly("201 Created", "201 Created");
		String patient = created.getEntry().get(1).getResponse().getLocation().split("/")[1];
		assertThat(allergyPatient(created.getEntry().get(0))).isEqualTo("Patient/" + patient);

		Bundle updated = FhirHttp.resource(physician.post("", transaction(value, patientUrn, "Nora")), 200,
				Bundle.class);
		assertThat(updated.getEntry()).extracting(e -> e.getResponse().getStatus())
			.containsExactly("201 Created", "200 OK");
		assertThat(updated.getEntry().get(1).getResponse().getLocation()).startsWith("Patient/" + patient + "/");
		assertThat(updated.getEntry().get(1).getResponse().getEtag()).isEqualTo("W/\"2\"");
		assertThat(allergyPatient(updated.getEntry().get(0))).isEqualTo("Patient/" + patient);
		assertThat(patientsNamed()).isEqualTo(1);

		// A batch takes the same entry; a condition matching several fails alone.
		created(patient(OTHER_SYSTEM, value, "Noor"));
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry()
			.setResource(patient(SYSTEM, value, "Noor"))
			.getRequest()
			.setMethod(Bundle.HTTPVerb.PUT)
			.setUrl("Patient?identifier=" + value);
		batch.addEntry()
			.setResource(patient(SYSTEM, value, "Noor"))
			.getRequest()
			.setMethod(Bundle.HTTPVerb.PUT)
			.setUrl(condition(SYSTEM, value));
		Bundle answers = FhirHttp.resource(physician.post("", batch), 200, Bundle.class);
		assertThat(answers.getEntry()).extracting(e -> e.getResponse().getStatus().substring(0, 3))
			.containsExactly("412", "200");
	}

	@Test
	void conditionalDeleteIsRefusedAsUnsupportedAndTheStatementSaysWhatIsServed() throws Exception {
		String value = PatchOrdersSchedulingIntegrationTests.unique();
		String patient = created(patient(SYSTEM, value, "Jet"));

		assertThat(FhirHttp.outcome(physician.send("DELETE", condition(SYSTEM, value), null, null), 405))
			.contains("Conditional delete");
		FhirHttp.outcome(physician.send("DELETE", "AllergyIntolerance?patient=" + patient, null, null), 405);
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Condition?patient=" + patient);
		Bundle answers = FhirHttp.resource(physician.post("", batch), 200, Bundle.class);
		assertThat(answers.getEntryFirstRep().getResponse().getStatus()).startsWith("405");
		assertThat(jdbc.sql("select version from patient where id = :id")
			.param("id", Long.parseLong(patient))
			.query(Integer.class)
			.single()).isEqualTo(1);

		CapabilityStatement statement = FhirHttp.resource(physician.send("GET", "metadata", null, null), 200,
				CapabilityStatement.class);
		for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep()
			.getResource()) {
			assertThat(resource.getConditionalDelete())
				.isEqualTo(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
			boolean expected = java.util.Set
				.of("Patient", "AllergyIntolerance", "Condition", "MedicationStatement", "Encounter", "Appointment")
				.contains(resource.getType());
			assertThat(resource.getConditionalUpdate()).as(resource.getType()).isEqualTo(expected);
		}
	}

	Bundle transaction(String value, String patientUrn, String given) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		// The allergy comes first and references the patient the conditional update
		// after it finds or creates: the update runs first.
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference(patientUrn));
		allergy.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "227493005", null)).setText("Cashew"));
		allergy.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
		bundle.addEntry()
			.setResource(allergy)
			.getRequest()
			.setMethod(Bundle.HTTPVerb.POST)
			.setUrl("AllergyIntolerance");
		Bundle.BundleEntryComponent put = bundle.addEntry()
			.setFullUrl(patientUrn)
			.setResource(patient(SYSTEM, value, given));
		put.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(condition(SYSTEM, value));
		return bundle;
	}

	String allergyPatient(Bundle.BundleEntryComponent entry) throws Exception {
		String id = entry.getResponse().getLocation().split("/")[1];
		return FhirHttp
			.resource(physician.send("GET", "AllergyIntolerance/" + id, null, null), 200, AllergyIntolerance.class)
			.getPatient()
			.getReference();
	}

	String created(Patient patient) throws Exception {
		return FhirHttp.resource(physician.post("Patient", patient), 201, Patient.class).getIdElement().getIdPart();
	}

}
