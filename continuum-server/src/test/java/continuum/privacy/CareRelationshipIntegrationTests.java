package continuum.privacy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;

import continuum.ContinuumIntegrationTest;
import continuum.adt.Admission;
import continuum.adt.AdmissionService;
import continuum.adt.BedId;
import continuum.adt.BedStatus;
import continuum.adt.EncounterClass;
import continuum.adt.LocationKind;
import continuum.adt.LocationService;
import continuum.adt.NewPlace;
import continuum.adt.Place;
import continuum.adt.Specialty;
import continuum.fhir.FhirTestSupport;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientService;
import continuum.scheduling.ActorKind;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.NewSchedule;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotQuery;
import continuum.scheduling.TemplateLine;
import continuum.security.CareUnit;
import continuum.security.CareUnitService;
import continuum.security.NewStaffMember;
import continuum.security.Role;
import continuum.security.StaffService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The care relationships besides the user's own ward, which
 * {@link RestrictedRecordMatrixIntegrationTests} walks: a restricted record opens to a
 * member of staff of the department whose ward the patient lies on, and to one with an
 * appointment with the patient on their own schedule — and to nobody else for either
 * reason.
 */
@ContinuumIntegrationTest
class CareRelationshipIntegrationTests {

	private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	LocationService locations;

	@Autowired
	AdmissionService admissions;

	@Autowired
	StaffService staff;

	@Autowired
	CareUnitService careUnits;

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	private final HttpClient http = HttpClient.newHttpClient();

	private final String word = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

	@Test
	void theDepartmentOfTheWardThePatientLiesOnIsACareRelationship() throws Exception {
		String wardCode = "TDEP" + word.toUpperCase();
		Place ward = locations.create(new NewPlace(LocationKind.WARD, wardCode, "Testafdeling dienst",
				Specialty.ONCOLOGY, null, BedStatus.OPERATIONAL));
		Place room = locations
			.create(new NewPlace(LocationKind.ROOM, "901", null, null, ward.ref(), BedStatus.OPERATIONAL));
		Place bed = locations
			.create(new NewPlace(LocationKind.BED, "901A", null, null, room.ref(), BedStatus.OPERATIONAL));
		Patient lying = restrictedPatient("lying");
		Patient elsewhere = restrictedPatient("elsewhere");
		admissions
			.admit(new Admission(lying.id(), new BedId(bed.ref().id()), EncounterClass.INPATIENT, null, null, null));

		String ofTheDepartment = account("dep", null, Specialty.ONCOLOGY.label());
		String ofAnother = account("oth", null, Specialty.NEUROLOGY.label());

		assertThat(read(ofTheDepartment, lying)).as("the department's ward").isEqualTo(200);
		assertThat(read(ofTheDepartment, elsewhere)).as("not admitted").isEqualTo(403);
		assertThat(read(ofAnother, lying)).as("another department").isEqualTo(403);
	}

	@Test
	void anAppointmentOnTheUsersOwnScheduleIsACareRelationship() throws Exception {
		String booked = account("apt", null, null);
		String notBooked = account("nob", null, null);
		CareUnit unit = careUnits.ofUsername(booked).orElseThrow();
		Patient patient = restrictedPatient("booked");
		Patient other = restrictedPatient("other");

		LocalDate day = LocalDate.now(BRUSSELS).plusWeeks(3).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
		Schedule schedule = schedules.create(new NewSchedule("consultatie " + word, ActorKind.PRACTITIONER,
				unit.practitionerReference(), "Testdienst " + word, null));
		schedules.setTemplate(schedule.id(), List.of(new TemplateLine(day.getDayOfWeek(), LocalTime.of(9, 0),
				LocalTime.of(10, 0), AppointmentType.FOLLOW_UP, 15)), null);
		schedules.generate(schedule.id(), day, day.plusDays(1));
		List<Slot> slots = availability.search(new SlotQuery(Set.of(schedule.id()), null, null, Set.of(),
				day.atStartOfDay(BRUSSELS).toInstant(), day.plusDays(1).atStartOfDay(BRUSSELS).toInstant(), null), 10,
				0);
		assertThat(slots).isNotEmpty();

		assertThat(read(booked, patient)).as("before the booking").isEqualTo(403);
		appointments.book(BookingRequest.of(patient.id(), slots.get(0).id()));
		assertThat(read(booked, patient)).as("an appointment with the user").isEqualTo(200);
		assertThat(read(booked, other)).as("another restricted patient").isEqualTo(403);
		assertThat(read(notBooked, patient)).as("another physician").isEqualTo(403);
	}

	private Patient restrictedPatient(String given) {
		Patient patient = patients.register(new PatientData(List.of(), "Zorgband" + word, List.of(given), null,
				LocalDate.of(1966, 5, 4), Gender.MALE, Address.NONE, null, null, "nl", false));
		restrictions.restrict(patient.id(), RestrictionKind.VIP);
		return patient;
	}

	private String account(String suffix, String wardCode, String department) {
		String username = "care" + suffix + word;
		staff.createInitial(new NewStaffMember(username, ContinuumIntegrationTest.DEMO_PASSWORD, Role.PHYSICIAN, "Test",
				suffix, null));
		careUnits.setInitial(username, wardCode, department);
		return username;
	}

	private int read(String username, Patient patient) throws Exception {
		return http
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Patient/" + patient.id().asString()))
				.header("Authorization", "Bearer " + FhirTestSupport.token(port, username))
				.header("Accept", "application/fhir+json")
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

}
