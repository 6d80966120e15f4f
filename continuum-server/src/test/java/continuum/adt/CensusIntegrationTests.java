package continuum.adt;

import java.time.Instant;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.changes.ChangeFeed;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The census per ward, the ward list with occupancy, and the demo hospital's inpatients.
 */
@ContinuumIntegrationTest
class CensusIntegrationTests {

	@Autowired
	CensusService census;

	@Autowired
	LocationService locationService;

	@Autowired
	AdmissionService admissions;

	@Autowired
	LocationRepository locations;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	ChangeFeed feed;

	AdtFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = new AdtFixtures(locations, patients);
	}

	@Test
	void censusListsEveryBedWithItsOccupantsBannerFacts() {
		AdtFixtures.TestWard ward = fixtures.ward(3);
		PatientId patient = fixtures.patient();
		Encounter encounter = admissions.admit(
				new Admission(patient, ward.beds().get(1), EncounterClass.INPATIENT, "Pneumonie", "physician", null));
		WardCensus result = census.census(ward.code());
		assertThat(result.lines()).extracting(line -> line.bed().code()).containsExactly("901A", "901B", "901C");
		assertThat(result.occupied()).isEqualTo(1);
		Occupant occupant = result.lines().get(1).occupant();
		assertThat(occupant).isNotNull();
		assertThat(occupant.patient()).isEqualTo(patient);
		assertThat(occupant.encounter()).isEqualTo(encounter.id());
		assertThat(occupant.name()).isEqualTo("VANDENBROUCKE, Anaïs");
		assertThat(occupant.mrn()).matches("\\d{8}");
		assertThat(occupant.age()).isBetween(77, 79);
		assertThat(occupant.sex()).isEqualTo("female");
		assertThat(occupant.admitted()).isEqualTo(encounter.start());
		assertThat(occupant.since()).isEqualTo(encounter.start());
		assertThat(result.lines().get(0).occupant()).isNull();
	}

	@Test
	void afterATransferTheCensusShowsTheAdmissionAndTheTimeInTheNewBed() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		Encounter admitted = admissions.admit(new Admission(fixtures.patient(), ward.beds().get(0),
				EncounterClass.INPATIENT, null, null, Instant.now().minusSeconds(7200)));
		Encounter moved = admissions.transfer(admitted.id(), ward.beds().get(1), null);
		Occupant occupant = census.census(ward.code()).lines().get(1).occupant();
		assertThat(occupant).isNotNull();
		assertThat(occupant.admitted()).isEqualTo(admitted.start());
		assertThat(occupant.since()).isEqualTo(moved.currentBed().orElseThrow().from()).isAfter(admitted.start());
	}

	@Test
	void censusReadsAreAuditedPerOccupant() {
		AdtFixtures.TestWard ward = fixtures.ward(1);
		PatientId patient = fixtures.patient();
		admissions.admit(new Admission(patient, ward.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		long before = reads(patient);
		census.census(ward.code());
		assertThat(reads(patient)).isGreaterThan(before);
	}

	@Test
	void aBedStatusChangeIsInTheChangeFeedWithoutAPatient() {
		AdtFixtures.TestWard ward = fixtures.ward(2);
		BedLocation bed = locationService.setStatus(ward.beds().get(1), BedStatus.HOUSEKEEPING, null);
		assertThat(bed.status()).isEqualTo(BedStatus.HOUSEKEEPING);
		feed.sequencePending();
		assertThat(jdbc
			.sql("select operation || ' ' || coalesce(patient_id, '-') from change_feed"
					+ " where resource_type = 'Location' and resource_id = :id and seq is not null")
			.param("id", LocationRef.of(ward.beds().get(1)).asString())
			.query(String.class)
			.list()).containsExactly("UPDATE -");
	}

	@Test
	void wardListCountsBedsAndOccupancy() {
		AdtFixtures.TestWard ward = fixtures.ward(4);
		admissions
			.admit(new Admission(fixtures.patient(), ward.beds().get(0), EncounterClass.INPATIENT, null, null, null));
		locations.setStatus(ward.beds().get(3), BedStatus.CLOSED, null);
		WardOccupancy occupancy = locationService.wards()
			.stream()
			.filter(w -> w.ward().code().equals(ward.code()))
			.findFirst()
			.orElseThrow();
		assertThat(occupancy.beds()).isEqualTo(4);
		assertThat(occupancy.operational()).isEqualTo(3);
		assertThat(occupancy.occupied()).isEqualTo(1);
		assertThat(occupancy.free()).isEqualTo(2);
		assertThat(locationService.freeBeds(ward.code())).extracting(BedLocation::code).containsExactly("901B", "901C");
	}

	@Test
	void unknownWardIsNotFound() {
		assertThatThrownBy(() -> census.census("NOPE")).isInstanceOf(LocationNotFoundException.class);
	}

	@Test
	void demoHospitalHasAQuarterOfItsPatientsInBedsSpreadOverTheWards() {
		List<WardOccupancy> wards = locationService.wards()
			.stream()
			.filter(w -> !w.ward().code().startsWith("T"))
			.toList();
		assertThat(wards).hasSize(10);
		assertThat(wards.stream().mapToInt(WardOccupancy::beds).sum()).isEqualTo(250);
		// The demo admits its inpatients at least 30 minutes before it runs, while the
		// context starts; other tests admit theirs later, however long the suite takes.
		long demoInpatients = jdbc
			.sql("""
					select count(*) from adt_encounter e
					where e.status = 'IN_PROGRESS' and e.period_start < cast(:started as timestamptz) - interval '10 minutes'""")
			.param("started", new java.sql.Timestamp(context.getStartupDate()))
			.query(Long.class)
			.single();
		assertThat(demoInpatients).isEqualTo(75);
		assertThat(wards).filteredOn(w -> w.occupied() > 0).hasSizeGreaterThanOrEqualTo(8);
		long finished = jdbc.sql("""
				select count(*) from adt_encounter
				where status = 'FINISHED' and period_end < now() - interval '29 days'""").query(Long.class).single();
		assertThat(finished).isGreaterThan(100);
		long planned = jdbc.sql("select count(*) from adt_encounter where status = 'PLANNED' and period_start > now()")
			.query(Long.class)
			.single();
		assertThat(planned).isGreaterThanOrEqualTo(12);
		long overlapping = jdbc.sql("""
				select count(*) from adt_bed_assignment a join adt_bed_assignment b
				  on a.bed_id = b.bed_id and a.id < b.id
				 and a.started_at < coalesce(b.ended_at, 'infinity')
				 and b.started_at < coalesce(a.ended_at, 'infinity')""").query(Long.class).single();
		assertThat(overlapping).isZero();
	}

	private long reads(PatientId patient) {
		return jdbc.sql("select count(*) from audit_log where patient_id = :p and action = 'READ'")
			.param("p", patient.asString())
			.query(Long.class)
			.single();
	}

}
