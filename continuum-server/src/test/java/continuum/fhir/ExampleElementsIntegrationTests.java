package continuum.fhir;

import java.util.Date;
import java.util.UUID;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the specification's examples showed a client sends and the server must keep
 * (several names and contact points of a patient, a medication given as a contained
 * Medication, a schedule's planning horizon), through updates and history, and the
 * refusals around it.
 */
@ContinuumIntegrationTest
class ExampleElementsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aPatientKeepsEveryNameAndContactPointThroughUpdatesAndHistory() {
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:1.2.3.4.5").setValue(UUID.randomUUID().toString());
		patient.addName().setUse(HumanName.NameUse.USUAL).addGiven("Jos");
		patient.addName()
			.setUse(HumanName.NameUse.OFFICIAL)
			.setFamily("Van Damme")
			.addGiven("Jozef")
			.addGiven("Maria")
			.addPrefix("Dr.")
			.addSuffix("MSc");
		patient.addName()
			.setUse(HumanName.NameUse.OLD)
			.setFamily("Damme")
			.setPeriod(new Period().setEndElement(new DateTimeType("1990")));
		patient.addTelecom().setUse(ContactPoint.ContactPointUse.HOME);
		patient.addTelecom()
			.setSystem(ContactPoint.ContactPointSystem.PHONE)
			.setValue("+32 3 555 12 34")
			.setUse(ContactPoint.ContactPointUse.WORK)
			.setRank(1);
		patient.addTelecom()
			.setSystem(ContactPoint.ContactPointSystem.SMS)
			.setValue("+32 470 55 12 34")
			.setUse(ContactPoint.ContactPointUse.MOBILE);
		patient.addTelecom()
			.setSystem(ContactPoint.ContactPointSystem.EMAIL)
			.setValue("jos@example.be")
			.setPeriod(new Period().setStartElement(new DateTimeType("2024-01-15")));
		patient.setGender(AdministrativeGender.MALE);
		String id = physician.create().resource(patient).execute().getId().getIdPart();

		Patient read = physician.read().resource(Patient.class).withId(id).execute();
		FhirTestSupport.assertValid(read);
		assertThat(KeptElements.of(read)).isEqualTo(KeptElements.of(patient));
		assertThat(read.getName()).hasSize(3);
		assertThat(read.getTelecom()).extracting(ContactPoint::getValue)
			.containsExactly("+32 3 555 12 34", "+32 470 55 12 34", "jos@example.be");

		read.getTelecom().remove(1);
		read.getNameFirstRep().addGiven("Jefke");
		Patient updated = (Patient) physician.update().resource(read).execute().getResource();
		FhirTestSupport.assertValid(updated);
		assertThat(updated.getMeta().getVersionId()).isEqualTo("2");
		assertThat(updated.getTelecom()).extracting(ContactPoint::getValue)
			.containsExactly("+32 3 555 12 34", "jos@example.be");
		assertThat(updated.getNameFirstRep().getGiven()).extracting(g -> g.getValue()).containsExactly("Jos", "Jefke");

		Patient first = physician.read().resource(Patient.class).withIdAndVersion(id, "1").execute();
		assertThat(KeptElements.of(first)).isEqualTo(KeptElements.of(patient));
		assertThat(physician.search()
			.byUrl("Patient?family=damme&_id=" + id)
			.returnBundle(org.hl7.fhir.r4.model.Bundle.class)
			.execute()
			.getEntry()).hasSize(1);
	}

	@Test
	void namesAndContactPointsThatSayNothingAreRefused() {
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		Patient noSystem = patient();
		noSystem.addTelecom().setValue("+32 3 555 12 34");
		assertRefused(physician.create().resource(noSystem), 422, "needs its system");
		Patient emptyName = patient();
		emptyName.addName().setUse(HumanName.NameUse.NICKNAME);
		assertRefused(physician.create().resource(emptyName), 422,
				"A name needs a family name, a given name or a text");
		Patient noValue = patient();
		noValue.addIdentifier().setValue("A-1");
		assertRefused(physician.create().resource(noValue), 422, "needs the system its value belongs to");
		Patient longCountry = patient();
		longCountry.addAddress().setCity("Brussel").setCountry("BEL1");
		assertRefused(physician.create().resource(longCountry), 422, "country");
	}

	@Test
	void aMedicationStatementNamesItsMedicationByCodeOrAsAContainedMedication() {
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		String patient = physician.create().resource(patient()).execute().getId().toUnqualifiedVersionless().getValue();
		MedicationStatement statement = new MedicationStatement();
		statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
		statement.setSubject(new Reference(patient));
		Medication medication = new Medication();
		medication.setId("med1");
		medication.setCode(new CodeableConcept(new Coding("http://www.whocc.no/atc", "N02BE01", "Paracetamol")));
		statement.addContained(medication);
		statement.setMedication(new Reference("#med1"));
		String id = physician.create().resource(statement).execute().getId().getIdPart();
		MedicationStatement read = physician.read().resource(MedicationStatement.class).withId(id).execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("N02BE01");
		assertThat(read.getMedicationCodeableConcept().getText()).isEqualTo("Paracetamol");

		MedicationStatement elsewhere = statement.copy();
		elsewhere.setMedication(new Reference("Medication/12"));
		assertRefused(physician.create().resource(elsewhere), 422, "must name a contained Medication");
		MedicationStatement missing = statement.copy();
		missing.setMedication(new Reference("#med2"));
		// A local reference to nothing contained does not parse: a malformed body.
		assertRefused(physician.create().resource(missing), 400, "invalid reference: #med2");
		MedicationStatement none = statement.copy();
		none.setMedication(null);
		assertRefused(physician.create().resource(none), 422, "medication[x] is required");
	}

	@Test
	void aScheduleKeepsItsPlanningHorizon() {
		IGenericClient admin = FhirTestSupport.client(port, "admin");
		Schedule schedule = new Schedule();
		schedule.addActor(new Reference("Device/horizon-" + UUID.randomUUID()).setDisplay("Echografie horizon"));
		schedule.addSpecialty(new CodeableConcept(new Coding("urn:continuum:department", "radiology", null)));
		schedule.setPlanningHorizon(new Period().setStartElement(new DateTimeType("2027-01-04T08:00:00+01:00"))
			.setEndElement(new DateTimeType("2027-03-31T17:00:00+02:00")));
		String id = admin.create().resource(schedule).execute().getId().getIdPart();
		Schedule read = admin.read().resource(Schedule.class).withId(id).execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getPlanningHorizon().getStart())
			.isEqualTo(Date.from(java.time.Instant.parse("2027-01-04T07:00:00Z")));
		assertThat(read.getPlanningHorizon().getEnd())
			.isEqualTo(Date.from(java.time.Instant.parse("2027-03-31T15:00:00Z")));

		read.setPlanningHorizon(null);
		read.setActive(false);
		Schedule closed = (Schedule) admin.update().resource(read).execute().getResource();
		assertThat(closed.getActive()).isFalse();
		assertThat(closed.getPlanningHorizon().getEnd()).as("an update without a horizon keeps it")
			.isEqualTo(Date.from(java.time.Instant.parse("2027-03-31T15:00:00Z")));

		closed.setPlanningHorizon(new Period().setEndElement(new DateTimeType("2027-06-30T17:00:00Z")));
		Schedule moved = (Schedule) admin.update().resource(closed).execute().getResource();
		assertThat(moved.getPlanningHorizon().hasStart()).isFalse();
		assertThat(moved.getPlanningHorizon().getEnd())
			.isEqualTo(Date.from(java.time.Instant.parse("2027-06-30T17:00:00Z")));

		Schedule backwards = schedule.copy();
		backwards.setPlanningHorizon(new Period().setStartElement(new DateTimeType("2027-02-01T00:00:00Z"))
			.setEndElement(new DateTimeType("2027-01-01T00:00:00Z")));
		assertRefused(admin.create().resource(backwards), 422, "The planning horizon ends before it starts");
		Schedule days = schedule.copy();
		days.setPlanningHorizon(new Period().setStartElement(new DateTimeType("2027-02-01")));
		assertRefused(admin.create().resource(days), 422, "must be an instant");
	}

	private static Patient patient() {
		Patient patient = new Patient();
		patient.addName().setFamily("Peeters").addGiven("Lien");
		patient.setGender(AdministrativeGender.FEMALE);
		return patient;
	}

	private static void assertRefused(IClientExecutable<?, ?> request, int status, String says) {
		BaseServerResponseException refused = catchThrowableOfType(BaseServerResponseException.class, request::execute);
		assertThat(refused).as("refused with %s", status).isNotNull();
		OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
		assertThat(refused.getStatusCode()).as(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo(status);
		FhirTestSupport.assertValid(outcome);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(says);
	}

}
