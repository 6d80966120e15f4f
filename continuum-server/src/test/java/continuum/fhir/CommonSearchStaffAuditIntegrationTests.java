package continuum.fhir;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.fhir.SearchHttp.at;
import static continuum.fhir.SearchHttp.ids;
import static continuum.fhir.SearchHttp.outcome;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parameters every type has on Practitioner (the staff accounts) and AuditEvent
 * (auditors only; an entry never changes, so {@code _lastUpdated} is when it was
 * recorded), through HTTP.
 */
@ContinuumIntegrationTest
class CommonSearchStaffAuditIntegrationTests {

	@LocalServerPort
	int port;

	SearchHttp physician;

	SearchHttp auditor;

	@BeforeEach
	void clients() {
		physician = new SearchHttp(port, "physician");
		auditor = new SearchHttp(port, "auditor");
	}

	String practitioner(String username) throws Exception {
		List<String> found = ids(physician.search("Practitioner?identifier=urn:continuum:username%7C" + username));
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	@Test
	void practitionersByIdAndSortWithPages() throws Exception {
		String doctor = practitioner("physician");
		String nurse = practitioner("nurse");
		String auditorId = practitioner("auditor");
		String three = "Practitioner?_id=" + doctor + "," + nurse + "," + auditorId;
		assertThat(ids(physician.search(three))).containsExactlyInAnyOrder(doctor, nurse, auditorId);
		List<String> byName = ids(physician.search(three + "&_sort=name"));
		assertThat(byName).containsExactlyInAnyOrder(doctor, nurse, auditorId);
		assertThat(ids(physician.search(three + "&_sort=-name"))).containsExactlyElementsOf(reversed(byName));
		List<String> byId = ids(physician.search(three + "&_sort=_id"));
		assertThat(byId).isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
		assertThat(physician.allPages(three + "&_sort=-name&_count=1")).containsExactlyElementsOf(reversed(byName));
		Bundle count = physician.search(three + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(3);
		assertThat(count.getEntry()).isEmpty();
		assertThat(physician.search(three + "&_total=none").hasTotal()).isFalse();
		assertThat(ids(physician.search("Practitioner?identifier=physician&_id=" + nurse))).isEmpty();
		Bundle all = physician.search(three + "&_sort=-_lastUpdated");
		List<Instant> updated = all.getEntry()
			.stream()
			.map(e -> e.getResource().getMeta().getLastUpdated().toInstant())
			.toList();
		assertThat(updated).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		Instant latest = updated.get(0);
		assertThat(ids(physician.search(three + "&_lastUpdated=le" + at(latest)))).containsExactlyInAnyOrder(doctor,
				nurse, auditorId);
		assertThat(ids(physician.search(three + "&_lastUpdated=gt" + at(latest)))).isEmpty();
		assertThat(ids(physician.search(three + "&_lastUpdated=lt2000-01-01"))).isEmpty();
		assertThat(outcome(physician.get(three + "&_lastUpdated=zz2020"), 400)).contains("_lastUpdated");
		assertThat(outcome(physician.get(three + "&_sort=birthdate"), 400)).contains("_sort=birthdate");
	}

	/**
	 * Entries about a fresh patient, recorded before {@code until}: the audit searches
	 * below add entries of their own about the patient, after it.
	 */
	record Entries(String patient, Instant until, List<String> byDate) {
	}

	Entries entries() throws Exception {
		IGenericClient client = FhirTestSupport.client(port, "physician");
		Patient patient = new Patient();
		patient.addName().setFamily("Auditvan").addGiven("Ilse");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		String id = client.create().resource(patient).execute().getId().getIdPart();
		client.read().resource(Patient.class).withId(id).execute();
		client.read().resource(Patient.class).withId(id).execute();
		// A millisecond boundary between these entries and those the searches add.
		Instant until = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
		while (!Instant.now().isAfter(until)) {
			Thread.onSpinWait();
		}
		List<String> byDate = ids(auditor.search(
				"AuditEvent?patient=Patient/" + id + "&_lastUpdated=lt" + at(until) + "&_sort=date,_id&_count=100"));
		assertThat(byDate).hasSizeGreaterThanOrEqualTo(3);
		return new Entries(id, until, byDate);
	}

	@Test
	void auditEventsByIdLastUpdatedSortAndPages() throws Exception {
		Entries e = entries();
		String mine = "AuditEvent?patient=Patient/" + e.patient() + "&_lastUpdated=lt" + at(e.until());
		int n = e.byDate().size();
		assertThat(ids(auditor.search(mine + "&_sort=-date,-_id"))).containsExactlyElementsOf(reversed(e.byDate()));
		assertThat(ids(auditor.search(mine + "&_sort=_lastUpdated,_id"))).containsExactlyElementsOf(e.byDate());
		assertThat(ids(auditor.search(mine + "&_sort=_id")))
			.isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)))
			.containsExactlyInAnyOrderElementsOf(e.byDate());
		assertThat(ids(auditor.search(mine + "&_id=" + e.byDate().get(0) + "," + e.byDate().get(n - 1))))
			.containsExactlyInAnyOrder(e.byDate().get(0), e.byDate().get(n - 1));
		Instant last = auditor.search(mine + "&_id=" + e.byDate().get(n - 1))
			.getEntryFirstRep()
			.getResource()
			.getMeta()
			.getLastUpdated()
			.toInstant();
		assertThat(ids(auditor.search(mine + "&_lastUpdated=ge" + at(last)))).contains(e.byDate().get(n - 1))
			.doesNotContain(e.byDate().get(0));
		assertThat(auditor.allPages(mine + "&_sort=date,_id&_count=1")).containsExactlyElementsOf(e.byDate());
		Bundle firstPage = auditor.search(mine + "&_sort=date&_count=1");
		assertThat(firstPage.hasTotal()).as("the log is counted only when asked").isFalse();
		assertThat(auditor.search(mine + "&_count=1&_total=accurate").getTotal()).isEqualTo(n);
		Bundle count = auditor.search(mine + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(n);
		assertThat(count.getEntry()).isEmpty();
		assertThat(outcome(auditor.get(mine + "&_sort=agent-name"), 400)).contains("_sort=agent-name");
		assertThat(outcome(auditor.get(mine + "&agent-name:missing=true"), 400)).contains("agent-name:missing");
		// A patient and patient:missing in one search contradict: refused, not guessed.
		assertThat(outcome(auditor.get(mine + "&patient:missing=true"), 400)).contains("patient");
	}

	static List<String> reversed(List<String> list) {
		List<String> copy = new java.util.ArrayList<>(list);
		java.util.Collections.reverse(copy);
		return copy;
	}

	@Test
	void onlyAuditorsSearchTheLog() throws Exception {
		assertThat(outcome(physician.get("AuditEvent?_sort=-date&_count=1"), 403)).isNotBlank();
		assertThat(outcome(physician.get("AuditEvent?_summary=count"), 403)).isNotBlank();
		assertThat(ids(auditor.search("AuditEvent?_sort=-date&_count=1"))).hasSize(1);
	}

}
