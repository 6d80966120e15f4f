package continuum.adt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Admit, transfer, discharge and cancel: the rules, the bed constraint under a race,
 * audit and change feed.
 */
@ContinuumIntegrationTest
@RecordApplicationEvents
class AdmissionIntegrationTests {

	@Autowired
	AdmissionService admissions;

	@Autowired
	EncounterService encounters;

	@Autowired
	PlannedAdmissionService planning;

	@Autowired
	CensusService census;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patientService;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationEvents events;

	AdtFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = new AdtFixtures(locations, patientService);
	}

	Admission inpatient(PatientId patient, BedId bed) {
		return new Admission(patient, bed, EncounterClass.INPATIENT, "Acute appendicitis", "physician", null);
	}

	@Test
	void admitsIntoAFreeBedAndShowsTheStay() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		PatientId patient = fixtures.patient();
		Encounter encounter = admissions.admit(inpatient(patient, ward.beds().get(0)));
		assertThat(encounter.status()).isEqualTo(EncounterStatus.IN_PROGRESS);
		assertThat(encounter.version()).isEqualTo(1);
		assertThat(encounter.currentBed()).get().extracting(stay -> stay.bed().id()).isEqualTo(ward.beds().get(0));
		assertThat(census.currentStay(patient)).get().satisfies(stay -> {
			assertThat(stay.encounter()).isEqualTo(encounter.id());
			assertThat(stay.wardCode()).isEqualTo(ward.code());
			assertThat(stay.bed()).isEqualTo("901A");
		});
	}

	@Test
	void rejectsAdmissionToAnOccupiedBed() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		assertThatThrownBy(() -> admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0))))
			.isInstanceOf(BedOccupiedException.class)
			.hasMessageContaining("901A")
			.hasMessageContaining("occupied");
	}

	@Test
	void rejectsASecondInpatientStayOfTheSamePatient() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		PatientId patient = fixtures.patient();
		admissions.admit(inpatient(patient, ward.beds().get(0)));
		assertThatThrownBy(() -> admissions.admit(inpatient(patient, ward.beds().get(1))))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("already has an in-progress inpatient encounter");
		assertThat(locations.occupied(ward.beds().get(1))).isFalse();
	}

	@Test
	void rejectsInpatientAdmissionWithoutBedUnknownPatientOrFutureTime() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		assertThatThrownBy(
				() -> admissions.admit(new Admission(patient, null, EncounterClass.INPATIENT, null, null, null)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("needs a bed");
		assertThatThrownBy(() -> admissions.admit(inpatient(new PatientId(999_999_999L), ward.beds().get(0))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("No patient");
		assertThatThrownBy(() -> admissions.admit(new Admission(patient, ward.beds().get(0), EncounterClass.INPATIENT,
				null, null, clock.instant().plus(Duration.ofHours(2)))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("future");
		assertThatThrownBy(() -> admissions
			.admit(new Admission(patient, ward.beds().get(0), EncounterClass.INPATIENT, null, "nobody-here", null)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("No staff member");
		assertThat(locations.occupied(ward.beds().get(0))).isFalse();
	}

	@Test
	void rejectsAdmissionToAClosedBed() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		locations.setStatus(ward.beds().get(0), BedStatus.CLOSED, null);
		assertThatThrownBy(() -> admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0))))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("closed");
	}

	@Test
	void transferClosesThePreviousBedAndOpensTheNext() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		PatientId patient = fixtures.patient();
		Encounter admitted = admissions.admit(inpatient(patient, ward.beds().get(0)));
		Encounter moved = admissions.transfer(admitted.id(), ward.beds().get(1), 1);
		assertThat(moved.version()).isEqualTo(2);
		assertThat(moved.locations()).hasSize(2);
		assertThat(moved.locations().get(0).to()).isNotNull();
		assertThat(moved.locations().get(1).current()).isTrue();
		assertThat(moved.currentBed()).get().extracting(stay -> stay.bed().id()).isEqualTo(ward.beds().get(1));
		assertThat(locations.occupied(ward.beds().get(0))).isFalse();
		assertThat(locations.occupied(ward.beds().get(1))).isTrue();
	}

	@Test
	void rejectsTransferIntoAnOccupiedBedOrTheSameBed() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		Encounter first = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		admissions.admit(inpatient(fixtures.patient(), ward.beds().get(1)));
		assertThatThrownBy(() -> admissions.transfer(first.id(), ward.beds().get(1), null))
			.isInstanceOf(BedOccupiedException.class);
		assertThatThrownBy(() -> admissions.transfer(first.id(), ward.beds().get(0), null))
			.isInstanceOf(InvalidInputException.class);
		assertThat(encounters.get(first.id()).currentBed()).get()
			.extracting(stay -> stay.bed().id())
			.isEqualTo(ward.beds().get(0));
	}

	@Test
	void dischargeFinishesTheEncounterAndFreesTheBed() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		Encounter admitted = admissions.admit(inpatient(patient, ward.beds().get(0)));
		Instant end = clock.instant();
		Encounter finished = admissions.discharge(admitted.id(), end, 1);
		assertThat(finished.status()).isEqualTo(EncounterStatus.FINISHED);
		assertThat(finished.end()).isNotNull();
		assertThat(finished.currentBed()).isEmpty();
		assertThat(locations.occupied(ward.beds().get(0))).isFalse();
		assertThat(census.currentStay(patient)).isEmpty();
		assertThatThrownBy(() -> admissions.discharge(admitted.id(), null, null)).isInstanceOf(ConflictException.class)
			.hasMessageContaining("finished");
		Encounter again = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		assertThat(again.currentBed()).isPresent();
	}

	@Test
	void rejectsDischargeBeforeAdmission() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Encounter admitted = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		assertThatThrownBy(() -> admissions.discharge(admitted.id(), admitted.start().minusSeconds(3600), null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("before it started");
	}

	@Test
	void rejectsABackdatedAdmissionIntoABedThatWasStillOccupiedThen() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Instant now = clock.instant();
		Encounter earlier = admissions.admit(new Admission(fixtures.patient(), ward.beds().get(0),
				EncounterClass.INPATIENT, null, null, now.minus(Duration.ofHours(3))));
		admissions.discharge(earlier.id(), now.minus(Duration.ofHours(1)), null);
		assertThatThrownBy(() -> admissions.admit(new Admission(fixtures.patient(), ward.beds().get(0),
				EncounterClass.INPATIENT, null, null, now.minus(Duration.ofHours(2)))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("still occupied");
		assertThat(admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0))).currentBed()).isPresent();
	}

	@Test
	void rejectsADischargeTimeBeforeTheLastTransfer() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		Instant now = clock.instant();
		Encounter admitted = admissions.admit(new Admission(fixtures.patient(), ward.beds().get(0),
				EncounterClass.INPATIENT, null, null, now.minus(Duration.ofHours(3))));
		admissions.transfer(admitted.id(), ward.beds().get(1), null);
		assertThatThrownBy(() -> admissions.discharge(admitted.id(), now.minus(Duration.ofHours(1)), null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("last transfer");
		assertThat(locations.occupied(ward.beds().get(1))).isTrue();
	}

	@Test
	void staleVersionIsAVersionConflict() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		Encounter admitted = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		admissions.transfer(admitted.id(), ward.beds().get(1), 1);
		assertThatThrownBy(() -> admissions.discharge(admitted.id(), null, 1))
			.isInstanceOf(VersionConflictException.class)
			.hasMessageContaining("version 2");
	}

	@Test
	void aPlannedAdmissionStartsInABedWhenThePatientArrives() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		Instant nextWeek = clock.instant().plus(Duration.ofDays(7));
		Encounter planned = planning.plan(
				new Admission(patient, null, EncounterClass.INPATIENT, "Totale knieprothese", "physician3", nextWeek));
		assertThat(planned.status()).isEqualTo(EncounterStatus.PLANNED);
		assertThat(planned.locations()).isEmpty();
		assertThat(census.currentStay(patient)).isEmpty();
		assertThatThrownBy(() -> planning.start(planned.id(), null, null)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("needs a bed");
		Encounter started = planning.start(planned.id(), ward.beds().get(0), 1);
		assertThat(started.status()).isEqualTo(EncounterStatus.IN_PROGRESS);
		assertThat(started.start()).isBefore(nextWeek);
		assertThat(started.version()).isEqualTo(2);
		assertThat(census.currentStay(patient)).isPresent();
		assertThat(events.stream(PatientAdmitted.class).filter(e -> e.encounter().equals(planned.id()))).hasSize(1);
		assertThatThrownBy(() -> planning.start(planned.id(), ward.beds().get(0), null))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("not planned");
	}

	@Test
	void aPlannedAdmissionCanBeCancelledAndNeverHasABedBeforeItStarts() {
		PatientId patient = fixtures.patient();
		AdtFixtures.TestWard ward = fixtures.ward(1);
		assertThatThrownBy(() -> planning
			.plan(new Admission(patient, ward.beds().get(0), EncounterClass.INPATIENT, null, null, null)))
			.isInstanceOf(InvalidInputException.class);
		Encounter planned = planning.plan(new Admission(patient, null, EncounterClass.INPATIENT, null, null, null));
		assertThat(admissions.cancel(planned.id(), 1).status()).isEqualTo(EncounterStatus.CANCELLED);
	}

	@Test
	void cancelFreesTheBed() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Encounter admitted = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		Encounter cancelled = admissions.cancel(admitted.id(), null);
		assertThat(cancelled.status()).isEqualTo(EncounterStatus.CANCELLED);
		assertThat(locations.occupied(ward.beds().get(0))).isFalse();
	}

	@Test
	void keepsEveryVersionForVread() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		Encounter admitted = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		admissions.transfer(admitted.id(), ward.beds().get(1), null);
		admissions.discharge(admitted.id(), null, null);
		Encounter first = encounters.version(admitted.id(), 1);
		assertThat(first.status()).isEqualTo(EncounterStatus.IN_PROGRESS);
		assertThat(first.locations()).singleElement().satisfies(stay -> assertThat(stay.current()).isTrue());
		assertThat(encounters.version(admitted.id(), 3).status()).isEqualTo(EncounterStatus.FINISHED);
		assertThatThrownBy(() -> encounters.version(admitted.id(), 4)).isInstanceOf(EncounterNotFoundException.class);
	}

	@Test
	void exactlyOneOfConcurrentAdmissionsIntoOneBedWins() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		BedId bed = ward.beds().get(0);
		int contenders = 8;
		List<PatientId> patients = new ArrayList<>();
		for (int i = 0; i < contenders; i++) {
			patients.add(fixtures.patient());
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(contenders);
		try {
			List<Future<Encounter>> results = new ArrayList<>();
			for (PatientId patient : patients) {
				Callable<Encounter> admit = () -> {
					start.await();
					return admissions.admit(inpatient(patient, bed));
				};
				results.add(pool.submit(admit));
			}
			start.countDown();
			int won = 0;
			int occupied = 0;
			for (Future<Encounter> result : results) {
				try {
					result.get(30, TimeUnit.SECONDS);
					won++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(BedOccupiedException.class);
					occupied++;
				}
			}
			assertThat(won).isEqualTo(1);
			assertThat(occupied).isEqualTo(contenders - 1);
		}
		finally {
			pool.shutdownNow();
		}
		long open = jdbc.sql("select count(*) from adt_bed_assignment where bed_id = :bed and ended_at is null")
			.param("bed", bed.value())
			.query(Long.class)
			.single();
		assertThat(open).isEqualTo(1);
	}

	@Test
	void ofTwoConcurrentTransfersIntoOneBedTheLoserStaysWhereItWas() throws Exception {
		AdtFixtures.TestWard ward = fixtures.ward(3);
		Encounter first = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		Encounter second = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(1)));
		BedId target = ward.beds().get(2);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Encounter>> results = new ArrayList<>();
			for (Encounter encounter : List.of(first, second)) {
				results.add(pool.submit(() -> {
					start.await();
					return admissions.transfer(encounter.id(), target, null);
				}));
			}
			start.countDown();
			int won = 0;
			for (Future<Encounter> result : results) {
				try {
					result.get(30, TimeUnit.SECONDS);
					won++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(BedOccupiedException.class);
				}
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		List<BedId> beds = List.of(first, second)
			.stream()
			.map(e -> encounters.get(e.id()).currentBed().orElseThrow().bed().id())
			.toList();
		assertThat(beds).contains(target).containsAnyOf(ward.beds().get(0), ward.beds().get(1)).doesNotHaveDuplicates();
	}

	@Test
	void databaseRefusesASecondOpenAssignmentOfABed() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		Encounter first = admissions.admit(inpatient(fixtures.patient(), ward.beds().get(0)));
		Encounter other = admissions
			.admit(new Admission(fixtures.patient(), null, EncounterClass.AMBULATORY, null, null, null));
		assertThat(first.currentBed()).isPresent();
		assertThatThrownBy(() -> jdbc.sql("""
				insert into adt_bed_assignment (encounter_id, bed_id, started_at) values (:e, :b, now())""")
			.param("e", other.id().value())
			.param("b", ward.beds().get(0).value())
			.update()).isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void publishesAdmittedTransferredAndDischargedEvents() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		PatientId patient = fixtures.patient();
		Encounter admitted = admissions.admit(inpatient(patient, ward.beds().get(0)));
		admissions.transfer(admitted.id(), ward.beds().get(1), null);
		admissions.discharge(admitted.id(), null, null);
		assertThat(events.stream(PatientAdmitted.class).filter(e -> e.encounter().equals(admitted.id())))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.patient()).isEqualTo(patient);
				assertThat(e.bed()).isEqualTo(ward.beds().get(0));
				assertThat(e.at()).isEqualTo(admitted.start());
			});
		assertThat(events.stream(PatientTransferred.class).filter(e -> e.encounter().equals(admitted.id())))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.from()).isEqualTo(ward.beds().get(0));
				assertThat(e.to()).isEqualTo(ward.beds().get(1));
			});
		assertThat(events.stream(PatientDischarged.class).filter(e -> e.encounter().equals(admitted.id())))
			.singleElement()
			.satisfies(e -> assertThat(e.patient()).isEqualTo(patient));
	}

	@Test
	void writesAuditRowsAndChangeFeedEntriesForEveryMovement() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		PatientId patient = fixtures.patient();
		Encounter admitted = admissions.admit(inpatient(patient, ward.beds().get(0)));
		admissions.transfer(admitted.id(), ward.beds().get(1), null);
		admissions.discharge(admitted.id(), null, null);
		List<String> audit = jdbc.sql("""
				select action from audit_log where resource_type = 'Encounter' and resource_id = :id
				  and patient_id = :patient order by id""")
			.param("id", admitted.id().asString())
			.param("patient", patient.asString())
			.query(String.class)
			.list();
		assertThat(audit).containsExactly("CREATE", "UPDATE", "UPDATE");
		List<String> feed = jdbc.sql("""
				select operation from change_feed where resource_type = 'Encounter' and resource_id = :id
				  and patient_id = :patient order by id""")
			.param("id", admitted.id().asString())
			.param("patient", patient.asString())
			.query(String.class)
			.list();
		assertThat(feed).containsExactly("CREATE", "UPDATE", "UPDATE");
	}

}
