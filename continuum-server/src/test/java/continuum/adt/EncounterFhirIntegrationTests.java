package continuum.adt;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The FHIR Encounter API: interactions, paging, includes, and errors as OperationOutcomes
 * with the right status.
 */
@ContinuumIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EncounterFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	AdmissionService admissions;

	@Autowired
	JdbcClient jdbc;

	AdtFixtures fixtures;

	IGenericClient nurse;

	@BeforeEach
	void setUp() throws Exception {
		fixtures = new AdtFixtures(locations, patients);
		nurse = FhirClients.client(port, "nurse");
	}

	static Encounter admission(PatientId patient, BedId bed) {
		Encounter encounter = new Encounter();
		encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
		encounter.setClass_(new Coding(EncounterClass.SYSTEM, "IMP", "inpatient encounter"));
		encounter.setSubject(new Reference("Patient/" + patient.asString()));
		encounter.addReasonCode().setText("Pneumonie");
		encounter.addLocation().setLocation(new Reference("Location/bed-" + bed.value()));
		return encounter;
	}

	static BaseServerResponseException failure(IClientExecutable<?, ?> request) {
		return catchThrowableOfType(BaseServerResponseException.class, request::execute);
	}

	static void assertOutcome(BaseServerResponseException failure, int status, String text) {
		assertThat(failure).as("expected HTTP " + status).isNotNull();
		assertThat(failure.getStatusCode()).isEqualTo(status);
		OperationOutcome outcome = (OperationOutcome) failure.getOperationOutcome();
		assertThat(outcome).isNotNull();
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR,
				OperationOutcome.IssueSeverity.FATAL);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(text);
	}

	@Test
	void createAdmitsAndAnswersAValidVersionedEncounter() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		MethodOutcome outcome = nurse.create().resource(admission(patient, ward.beds().get(0))).execute();
		assertThat(outcome.getCreated()).isTrue();
		assertThat(outcome.getId().getVersionIdPart()).isEqualTo("1");
		Encounter read = nurse.read().resource(Encounter.class).withId(outcome.getId().getIdPart()).execute();
		assertThat(read.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
		assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + patient.asString());
		assertThat(read.getLocationFirstRep().getLocation().getReference())
			.isEqualTo("Location/bed-" + ward.beds().get(0).value());
		assertThat(read.getLocationFirstRep().getStatus()).isEqualTo(Encounter.EncounterLocationStatus.ACTIVE);
		assertThat(R4Validation.errors(read)).isEmpty();
		long audited = jdbc
			.sql("select count(*) from audit_log where username = 'nurse' and resource_type = "
					+ "'Encounter' and resource_id = :id and action in ('CREATE', 'READ')")
			.param("id", outcome.getId().getIdPart())
			.query(Long.class)
			.single();
		assertThat(audited).isEqualTo(2);
	}

	@Test
	void createNamesTheAdmittingPractitionerByReferenceAndAnswersItsUsername() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Bundle found = nurse.search()
			.forResource(Practitioner.class)
			.where(Practitioner.NAME.matches().value("wouters"))
			.returnBundle(Bundle.class)
			.execute();
		String practitionerId = found.getEntryFirstRep().getResource().getIdElement().getIdPart();
		Encounter request = admission(fixtures.patient(), ward.beds().get(0));
		request.addParticipant().setIndividual(new Reference("Practitioner/" + practitionerId));
		Encounter created = (Encounter) nurse.create().resource(request).execute().getResource();
		assertThat(created.getParticipantFirstRep().getIndividual().getIdentifier().getValue()).isEqualTo("physician2");
		assertThat(created.getParticipantFirstRep().getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("ADM");
		Encounter unknown = admission(fixtures.patient(), fixtures.ward(1).beds().get(0));
		unknown.addParticipant().setIndividual(new Reference("Practitioner/99999999"));
		assertOutcome(failure(nurse.create().resource(unknown)), 422, "Practitioner");
	}

	@Test
	void createOfAFinishedEncounterOrOfAPlannedOneWithABedIs422() {
		Encounter finished = admission(fixtures.patient(), fixtures.ward(1).beds().get(0));
		finished.setStatus(Encounter.EncounterStatus.FINISHED);
		assertOutcome(failure(nurse.create().resource(finished)), 422, "in-progress or planned");
		Encounter plannedInBed = admission(fixtures.patient(), fixtures.ward(1).beds().get(0));
		plannedInBed.setStatus(Encounter.EncounterStatus.PLANNED);
		assertOutcome(failure(nurse.create().resource(plannedInBed)), 422, "when it starts");
	}

	@Test
	void aPlannedEncounterStartsWhenUpdatedToInProgressWithABed() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Encounter request = admission(fixtures.patient(), ward.beds().get(0));
		request.setStatus(Encounter.EncounterStatus.PLANNED);
		request.setLocation(null);
		request.getPeriod().setStart(new Date(System.currentTimeMillis() + 7L * 86_400_000L));
		Encounter planned = (Encounter) nurse.create().resource(request).execute().getResource();
		assertThat(planned.getStatus()).isEqualTo(Encounter.EncounterStatus.PLANNED);
		assertThat(planned.getLocation()).isEmpty();
		assertThat(R4Validation.errors(planned)).isEmpty();
		Encounter arrival = planned.copy();
		arrival.setStatus(Encounter.EncounterStatus.INPROGRESS);
		arrival.addLocation().setLocation(new Reference("Location/bed-" + ward.beds().get(0).value()));
		Encounter started = (Encounter) nurse.update()
			.resource(arrival)
			.withId(planned.getIdElement())
			.execute()
			.getResource();
		assertThat(started.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
		assertThat(started.getMeta().getVersionId()).isEqualTo("2");
		assertThat(started.getPeriod().getStart()).isBefore(planned.getPeriod().getStart());
		assertThat(started.getLocationFirstRep().getStatus()).isEqualTo(Encounter.EncounterLocationStatus.ACTIVE);
		assertThat(locations.occupied(ward.beds().get(0))).isTrue();
		assertThat(R4Validation.errors(started)).isEmpty();
	}

	@Test
	void patientNamesNeverReachTheLog(CapturedOutput output) {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		nurse.create().resource(admission(patient, ward.beds().get(0))).execute();
		failure(nurse.create().resource(admission(fixtures.patient(), ward.beds().get(0))));
		nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(patient.asString()))
			.include(Encounter.INCLUDE_PATIENT)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(output.getAll()).doesNotContain("Vandenbroucke", "Anaïs", "1948-03-14");
	}

	@Test
	void createIntoAnOccupiedBedIs409() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		nurse.create().resource(admission(fixtures.patient(), ward.beds().get(0))).execute();
		assertOutcome(failure(nurse.create().resource(admission(fixtures.patient(), ward.beds().get(0)))), 409,
				"is occupied");
	}

	@Test
	void twoConcurrentCreatesIntoOneBedGiveOne201AndOne409() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		List<Encounter> requests = List.of(admission(fixtures.patient(), ward.beds().get(0)),
				admission(fixtures.patient(), ward.beds().get(0)));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (Encounter request : requests) {
				IGenericClient client = FhirClients.client(port, "nurse");
				statuses.add(pool.submit(() -> {
					start.await();
					try {
						client.create().resource(request).execute();
						return 201;
					}
					catch (BaseServerResponseException ex) {
						assertThat(((OperationOutcome) ex.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
							.contains("is occupied");
						return ex.getStatusCode();
					}
				}));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get(30, TimeUnit.SECONDS));
			}
			assertThat(answered).containsExactlyInAnyOrder(201, 409);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void createWithoutSubjectOrWithUnknownClassIs422() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Encounter noSubject = admission(fixtures.patient(), ward.beds().get(0));
		noSubject.setSubject(null);
		assertOutcome(failure(nurse.create().resource(noSubject)), 422, "subject");
		Encounter badClass = admission(fixtures.patient(), ward.beds().get(0));
		badClass.setClass_(new Coding(EncounterClass.SYSTEM, "XYZ", null));
		assertOutcome(failure(nurse.create().resource(badClass)), 422, "class");
		Encounter notABed = admission(fixtures.patient(), ward.beds().get(0));
		notABed.getLocationFirstRep().setLocation(new Reference("Location/ward-" + ward.id()));
		assertOutcome(failure(nurse.create().resource(notABed)), 422, "bed");
		assertThat(locations.occupied(ward.beds().get(0))).isFalse();
	}

	@Test
	void readOfAnUnknownEncounterIs404() {
		assertOutcome(failure(nurse.read().resource(Encounter.class).withId("987654321")), 404, "987654321");
		assertOutcome(failure(nurse.read().resource(Encounter.class).withId("not-a-number")), 404, "not-a-number");
		assertOutcome(failure(nurse.read().resource(Encounter.class).withIdAndVersion("987654321", "1")), 404,
				"987654321");
	}

	@Test
	void updateWithAStaleIfMatchIs412AndWithTheCurrentVersionDischarges() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		MethodOutcome created = nurse.create().resource(admission(fixtures.patient(), ward.beds().get(0))).execute();
		Encounter current = (Encounter) created.getResource();
		Encounter transfer = current.copy();
		transfer.getLocationFirstRep().setStatus(Encounter.EncounterLocationStatus.COMPLETED);
		transfer.addLocation().setLocation(new Reference("Location/bed-" + ward.beds().get(1).value()));
		Encounter moved = (Encounter) nurse.update()
			.resource(transfer)
			.withId(current.getIdElement())
			.execute()
			.getResource();
		assertThat(moved.getMeta().getVersionId()).isEqualTo("2");
		assertThat(moved.getLocation()).hasSize(2);
		assertThat(R4Validation.errors(moved)).isEmpty();

		Encounter stale = current.copy();
		stale.setStatus(Encounter.EncounterStatus.FINISHED);
		assertOutcome(failure(nurse.update().resource(stale).withId(current.getIdElement())), 412, "version 2");

		Encounter discharge = moved.copy();
		discharge.setStatus(Encounter.EncounterStatus.FINISHED);
		Encounter finished = (Encounter) nurse.update()
			.resource(discharge)
			.withId(moved.getIdElement())
			.execute()
			.getResource();
		assertThat(finished.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
		assertThat(finished.getPeriod().hasEnd()).isTrue();
		assertThat(finished.getLocation())
			.allSatisfy(l -> assertThat(l.getStatus()).isEqualTo(Encounter.EncounterLocationStatus.COMPLETED));
		assertThat(locations.occupied(ward.beds().get(1))).isFalse();
		assertThat(R4Validation.errors(finished)).isEmpty();

		Encounter first = nurse.read().resource(Encounter.class).withIdAndVersion(current.getIdPart(), "1").execute();
		assertThat(first.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
		assertThat(first.getLocation()).hasSize(1);

		Bundle history = nurse.history()
			.onInstance(current.getIdElement().toVersionless())
			.returnBundle(Bundle.class)
			.execute();
		assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
		assertThat(history.getEntry()).extracting(e -> e.getResource().getMeta().getVersionId())
			.containsExactly("3", "2", "1");
		assertThat(history.getEntry()).extracting(e -> e.getRequest().getMethod().toCode())
			.containsExactly("PUT", "PUT", "POST");
		assertThat(R4Validation.errors(history)).isEmpty();
	}

	@Test
	void reopeningAFinishedEncounterIs409() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Encounter created = (Encounter) nurse.create()
			.resource(admission(fixtures.patient(), ward.beds().get(0)))
			.execute()
			.getResource();
		Encounter discharge = created.copy();
		discharge.setStatus(Encounter.EncounterStatus.FINISHED);
		Encounter finished = (Encounter) nurse.update()
			.resource(discharge)
			.withId(created.getIdElement())
			.execute()
			.getResource();
		Encounter reopen = finished.copy();
		reopen.setStatus(Encounter.EncounterStatus.INPROGRESS);
		assertOutcome(failure(nurse.update().resource(reopen).withId(finished.getIdElement())), 409,
				"cannot go from finished");
	}

	@Test
	void labTechnologistMayReadButNotAdmit() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		IGenericClient labtech = FhirClients.client(port, "labtech");
		assertOutcome(failure(labtech.create().resource(admission(fixtures.patient(), ward.beds().get(0)))), 403,
				"Not allowed");
		Bundle page = labtech.search().forResource(Encounter.class).count(1).returnBundle(Bundle.class).execute();
		assertThat(page.getEntry()).hasSize(1);
	}

	@Test
	void searchesByPatientLocationStatusAndDateWithPagingAndIncludedPatients() {
		AdtFixtures.TestWard ward = fixtures.ward(3);
		PatientId patient = fixtures.patient();
		Encounter stay = (Encounter) nurse.create()
			.resource(admission(patient, ward.beds().get(0)))
			.execute()
			.getResource();
		admissions.discharge(EncounterId.of(stay.getIdPart()), null, null);
		nurse.create().resource(admission(patient, ward.beds().get(1))).execute();
		Encounter visit = new Encounter();
		visit.setStatus(Encounter.EncounterStatus.INPROGRESS);
		visit.setClass_(new Coding(EncounterClass.SYSTEM, "AMB", "ambulatory"));
		visit.setSubject(new Reference("Patient/" + patient.asString()));
		nurse.create().resource(visit).execute();

		Bundle all = nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(patient.asString()))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(all.getTotal()).isEqualTo(3);

		Bundle inProgress = nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(patient.asString()))
			.and(Encounter.STATUS.exactly().code("in-progress"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(inProgress.getTotal()).isEqualTo(2);

		Bundle inWard = nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.LOCATION.hasId("Location/ward-" + ward.id()))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(inWard.getTotal()).isEqualTo(2);

		Bundle inBed = nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.LOCATION.hasId("Location/bed-" + ward.beds().get(1).value()))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(inBed.getTotal()).isEqualTo(1);

		Bundle today = nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(patient.asString()))
			.and(Encounter.DATE.afterOrEquals().day(new Date(System.currentTimeMillis() - 86_400_000L)))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(today.getTotal()).isEqualTo(3);
		Bundle lastYear = nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(patient.asString()))
			.and(Encounter.DATE.before().day("2020-01-01"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(lastYear.getTotal()).isZero();

		Bundle first = nurse.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(patient.asString()))
			.include(Encounter.INCLUDE_PATIENT)
			.count(2)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(first.getEntry()).filteredOn(e -> e.getResource() instanceof Encounter).hasSize(2);
		assertThat(first.getEntry()).filteredOn(e -> e.getResource() instanceof Patient)
			.singleElement()
			.satisfies(e -> {
				assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
				assertThat(R4Validation.errors(e.getResource())).isEmpty();
				Patient included = (Patient) e.getResource();
				Patient read = nurse.read().resource(Patient.class).withId(patient.asString()).execute();
				assertThat(included.getMeta().getTag()).isEmpty();
				assertThat(included.getMeta().getVersionId()).isEqualTo(read.getMeta().getVersionId());
				assertThat(included.getIdentifier()).hasSameSizeAs(read.getIdentifier());
				assertThat(included.equalsDeep(read.setIdElement(included.getIdElement()))).isTrue();
			});
		assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = nurse.loadPage().next(first).execute();
		assertThat(second.getEntry()).filteredOn(e -> e.getResource() instanceof Encounter).hasSize(1);
		assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
		List<String> ids = List.of(first.getEntry().get(0).getResource().getIdElement().getIdPart(),
				second.getEntry().get(0).getResource().getIdElement().getIdPart());
		assertThat(ids).doesNotHaveDuplicates();
		assertThat(R4Validation.errors(first)).isEmpty();
	}

}
