package continuum.privacy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import continuum.lab.LabCatalogue;
import continuum.lab.LabFixtures;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.RestrictedRecordException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lists over many patients meet restricted records: a search without a patient leaves out
 * the ones the caller may not open — from its entries and its total — instead of refusing
 * the whole list, and the departments that serve every ward (the laboratory, radiology)
 * reach a restricted patient while they have work for them, so that a restricted
 * patient's specimen does not stop the bench's work list.
 */
@ContinuumIntegrationTest
class CrossPatientListIntegrationTests {

	private static final String CRP = "1988-5";

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
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	LabCatalogue catalogue;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private final String word = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();

	@Test
	void aSearchOverManyPatientsLeavesOutTheRestrictedRecordsTheCallerMayNotOpen() throws Exception {
		LabFixtures fixtures = new LabFixtures(patients, orders, specimens, results);
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1971, 3, 9));
		Place ward = locations.create(new NewPlace(LocationKind.WARD, "TLST" + word, "Testafdeling lijsten",
				Specialty.NEUROLOGY, null, BedStatus.OPERATIONAL));
		Place room = locations
			.create(new NewPlace(LocationKind.ROOM, "701", null, null, ward.ref(), BedStatus.OPERATIONAL));
		Place bed = locations
			.create(new NewPlace(LocationKind.BED, "701A", null, null, room.ref(), BedStatus.OPERATIONAL));
		admissions.admit(new Admission(patient, new BedId(bed.ref().id()), EncounterClass.INPATIENT, null, null, null));
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, CRP));
		fixtures.release(order, CRP, "12");
		String accession = LabFixtures.accessionFor(order, CRP);
		restrictions.restrict(patient, RestrictionKind.VIP);

		String encounters = "/fhir/Encounter?location=Location/" + ward.ref().asString();
		String observations = "/fhir/Observation?specimen=Specimen/" + accession;
		for (String user : List.of("nurse", "physician")) {
			JsonNode page = search(user, encounters);
			assertThat(page.path("total").asInt()).as(user + " encounters on the ward").isZero();
			assertThat(page.path("entry")).isEmpty();
			page = search(user, observations);
			assertThat(page.path("total").asInt()).as(user + " results of the specimen").isZero();
			assertThat(page.path("entry")).isEmpty();
		}
		// The system client, which restrictions do not bind, finds them.
		assertThat(search("interface", encounters).path("total").asInt()).isEqualTo(1);
		assertThat(search("interface", observations).path("total").asInt()).isEqualTo(1);
		// A search that names the patient is still refused, as a read of the record is.
		assertThat(status("nurse", "/fhir/Encounter?patient=Patient/" + patient.asString())).isEqualTo(403);
	}

	@Test
	void theLaboratoryReachesARestrictedPatientWhileOneOfTheirOrderItemsIsActive() {
		LabFixtures fixtures = new LabFixtures(patients, orders, specimens, results);
		PatientId patient = fixtures.patient(Gender.MALE, LocalDate.of(1958, 11, 30));
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, CRP));
		restrictions.restrict(patient, RestrictionKind.STAFF_MEMBER);
		String accession = LabFixtures.accessionFor(order, CRP);
		String bench = catalogue.test(CRP).orElseThrow().bench();

		List<ResultService.WorkItem> worklist = LabFixtures.as("LAB_TECHNOLOGIST", () -> results.worklist(bench, 1000));
		assertThat(worklist).extracting(ResultService.WorkItem::accession).contains(accession);

		LabResult released = fixtures.release(order, CRP, "7");
		// The item is complete: the laboratory's work for the patient is done.
		assertThatThrownBy(() -> LabFixtures.as("LAB_TECHNOLOGIST", () -> results.get(released.id())))
			.isInstanceOf(RestrictedRecordException.class);
	}

	private JsonNode search(String user, String path) throws Exception {
		HttpResponse<String> response = get(user, path);
		assertThat(response.statusCode()).as(user + " " + path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private int status(String user, String path) throws Exception {
		return get(user, path).statusCode();
	}

	private HttpResponse<String> get(String user, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + FhirTestSupport.token(port, user))
			.header("Accept", "application/fhir+json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
