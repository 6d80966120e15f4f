package continuum.adt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import continuum.patients.Identifier;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientService;
import continuum.patients.Gender;
import continuum.patients.Address;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Search on the other modules' patient-bound types through HTTP: the common parameters,
 * chains on the patient reference, includes, restricted records left out of matches and
 * totals, and the 400 for what a type does not serve.
 */
@ContinuumIntegrationTest
class EncounterSearchFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	JdbcClient jdbc;

	IGenericClient physician;

	Patient open;

	Patient restricted;

	String openFamily;

	String restrictedFamily;

	List<Encounter> openEncounters;

	Encounter restrictedEncounter;

	@BeforeEach
	void twoPatientsWithPlannedEncounters() throws Exception {
		physician = FhirClients.client(port, "physician");
		IGenericClient nurse = FhirClients.client(port, "nurse");
		openFamily = family();
		restrictedFamily = family();
		open = patients.register(data(openFamily));
		restricted = patients.register(data(restrictedFamily));
		Instant now = Instant.now();
		openEncounters = List.of(planned(nurse, open, now.plus(Duration.ofDays(9))),
				planned(nurse, open, now.plus(Duration.ofDays(7))));
		restrictedEncounter = planned(nurse, restricted, now.plus(Duration.ofDays(8)));
		restrictions.restrict(restricted.id(), RestrictionKind.VIP);
	}

	static String family() {
		return "Zq" + Long.toString(System.nanoTime() % 1_000_000_000L, 26).replaceAll("[0-9]", "x");
	}

	static PatientData data(String family) {
		return new PatientData(List.of(), family, List.of("Lies"), null, java.time.LocalDate.of(1961, 4, 2),
				Gender.FEMALE, Address.NONE, null, null, "nl", false);
	}

	static Encounter planned(IGenericClient client, Patient patient, Instant start) {
		Encounter request = new Encounter();
		request.setStatus(Encounter.EncounterStatus.PLANNED);
		request.setClass_(new Coding(EncounterClass.SYSTEM, "IMP", "inpatient encounter"));
		request.setSubject(new Reference("Patient/" + patient.id()));
		request.getPeriod().setStart(Date.from(start));
		return (Encounter) client.create().resource(request).execute().getResource();
	}

	Bundle search(String url) {
		return physician.search().byUrl(url).returnBundle(Bundle.class).execute();
	}

	static List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.map(e -> e.getResource().getIdElement().getIdPart())
			.toList();
	}

	String id(Encounter encounter) {
		return encounter.getIdElement().getIdPart();
	}

	String failure(String url) {
		BaseServerResponseException failure = catchThrowableOfType(BaseServerResponseException.class,
				() -> search(url));
		assertThat(failure).as(url).isNotNull();
		assertThat(failure.getStatusCode()).isEqualTo(400);
		return ((OperationOutcome) failure.getOperationOutcome()).getIssueFirstRep().getDiagnostics();
	}

	@Test
	void chainedOnThePatientsNameAndSortedByDateBothWays() {
		assertThat(ids(search("Encounter?patient.name=" + openFamily + "&_sort=date")))
			.containsExactly(id(openEncounters.get(1)), id(openEncounters.get(0)));
		assertThat(ids(search("Encounter?subject.family=" + openFamily + "&_sort=-date")))
			.containsExactly(id(openEncounters.get(0)), id(openEncounters.get(1)));
	}

	@Test
	void chainedOnTheMrnWithThePatientIncluded() {
		String mrn = URLEncoder.encode(Identifier.MRN_SYSTEM + "|" + open.mrn(), StandardCharsets.UTF_8);
		Bundle bundle = search("Encounter?patient.identifier=" + mrn + "&_include=Encounter:patient");
		assertThat(bundle.getTotal()).isEqualTo(2);
		assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.containsExactlyInAnyOrder("Encounter:MATCH", "Encounter:MATCH", "Patient:INCLUDE");

		// The demo hospital's current admissions, each in a bed.
		Bundle withBeds = search("Encounter?status=in-progress&_count=5&_include=Encounter:location");
		java.util.Set<String> beds = new java.util.TreeSet<>();
		withBeds.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.flatMap(e -> ((org.hl7.fhir.r4.model.Encounter) e.getResource()).getLocation().stream())
			.forEach(stay -> beds.add(stay.getLocation().getReferenceElement().toUnqualifiedVersionless().getValue()));
		assertThat(beds).isNotEmpty();
		assertThat(withBeds.getEntry()).filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
			.as("each bed of the stays, once")
			.containsExactlyInAnyOrderElementsOf(beds);
	}

	@Test
	void restrictedRecordsAreLeftOutOfMatchesAndTotals() {
		Bundle byId = search("Encounter?_id=" + id(openEncounters.get(0)) + "," + id(restrictedEncounter));
		assertThat(ids(byId)).containsExactly(id(openEncounters.get(0)));
		assertThat(byId.getTotal()).isEqualTo(1);
		assertThat(search("Encounter?patient.name=" + restrictedFamily).getTotal()).isZero();
		Bundle planned = search("Encounter?status=planned&_lastUpdated=ge"
				+ openEncounters.get(0).getMeta().getLastUpdatedElement().getValueAsString().replace("+", "%2B")
				+ "&_count=100");
		assertThat(ids(planned)).contains(id(openEncounters.get(1))).doesNotContain(id(restrictedEncounter));
	}

	@Test
	void whatATypeDoesNotServeIsA400NamingIt() {
		assertThat(failure("Encounter?date=ne2026-01-01")).contains("ne");
		assertThat(failure("Encounter?status:not=planned")).contains("status:not");
		assertThat(failure("Encounter?_sort=status")).contains("_sort=status");
		assertThat(failure("Encounter?patient.birthdate=1961-04-02")).contains("patient.birthdate");
		assertThat(failure("Location?type:in=http://example.org/vs")).contains("type:in");
	}

	@Test
	void otherPatientBoundTypesChainAndSortToo() {
		Long patient = jdbc
			.sql("select patient_id from lab_result where stage = 'RELEASED' group by patient_id order by count(*)"
					+ " desc limit 1")
			.query(Long.class)
			.single();
		String mrn = jdbc.sql("select mrn from patient where id = :id")
			.param("id", patient)
			.query(String.class)
			.single();
		int released = jdbc.sql("select count(*) from lab_result where stage = 'RELEASED' and patient_id = :id")
			.param("id", patient)
			.query(Integer.class)
			.single();
		String chain = "patient.identifier="
				+ URLEncoder.encode(Identifier.MRN_SYSTEM + "|" + mrn, StandardCharsets.UTF_8);
		IGenericClient labtech = physician;
		Bundle observations = labtech.search()
			.byUrl("Observation?" + chain + "&_sort=_lastUpdated&_count=500")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(observations.getTotal()).isEqualTo(released);
		List<Date> updated = observations.getEntry()
			.stream()
			.map(e -> e.getResource().getMeta().getLastUpdated())
			.toList();
		assertThat(updated).isSorted();
		assertThat(search("Appointment?" + chain + "&_sort=-date&_summary=count").hasTotal()).isTrue();
		assertThat(search("Specimen?" + chain + "&_summary=count").hasTotal()).isTrue();
		assertThat(search("ImagingStudy?" + chain + "&_sort=-started&_summary=count").hasTotal()).isTrue();
	}

}
