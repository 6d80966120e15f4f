package continuum.fhir;

import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code _revinclude} on a Patient search of the types other modules serve: the page's
 * patients come with what a search of the type by patient finds, audited as that search,
 * and refused to a role that may not search the type.
 */
@ContinuumIntegrationTest
class PatientRevIncludeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPatientComesWithItsEncountersAndAppointmentsAsTheirOwnSearchesFindThem() {
		long patient = jdbc.sql("""
				select e.patient_id from adt_encounter e
				where exists (select 1 from sched_appointment a where a.patient_id = e.patient_id)
				  and not exists (select 1 from privacy_restriction r where r.patient_id = e.patient_id)
				order by e.patient_id limit 1""").query(Long.class).single();
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		long auditBefore = auditRows(patient);

		Bundle bundle = physician.search()
			.byUrl("Patient?_id=" + patient + "&_revinclude=Encounter:patient&_revinclude=Appointment:patient")
			.returnBundle(Bundle.class)
			.execute();

		assertThat(bundle.getTotal()).isEqualTo(1);
		List<String> encounters = ids(physician.search()
			.byUrl("Encounter?patient=" + patient + "&_count=500")
			.returnBundle(Bundle.class)
			.execute(), Bundle.SearchEntryMode.MATCH, "Encounter");
		List<String> appointments = ids(physician.search()
			.byUrl("Appointment?patient=" + patient + "&_count=500")
			.returnBundle(Bundle.class)
			.execute(), Bundle.SearchEntryMode.MATCH, "Appointment");
		assertThat(encounters).isNotEmpty();
		assertThat(appointments).isNotEmpty();
		assertThat(ids(bundle, Bundle.SearchEntryMode.INCLUDE, "Encounter"))
			.containsExactlyInAnyOrderElementsOf(encounters);
		assertThat(ids(bundle, Bundle.SearchEntryMode.INCLUDE, "Appointment"))
			.containsExactlyInAnyOrderElementsOf(appointments);
		bundle.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
		assertThat(jdbc.sql("""
				select count(*) from audit_log where patient_id = :patient and action = 'SEARCH'
				  and resource_type in ('Encounter', 'Appointment') and detail like '%_revinclude%'""")
			.param("patient", Long.toString(patient))
			.query(Long.class)
			.single()).as("one search row per type for the patient shown").isEqualTo(2);
		assertThat(auditRows(patient)).isGreaterThan(auditBefore);
	}

	@Test
	void aRoleThatMayNotSearchTheTypeIsRefused() {
		long patient = jdbc.sql("select id from patient where merged_into is null order by id limit 1")
			.query(Long.class)
			.single();
		IGenericClient scheduler = FhirTestSupport.client(port, "scheduler");
		Throwable refused = catchThrowable(() -> scheduler.search()
			.byUrl("Patient?_id=" + patient + "&_revinclude=Observation:patient")
			.returnBundle(Bundle.class)
			.execute());
		assertThat(refused).isInstanceOf(ForbiddenOperationException.class);
	}

	private long auditRows(long patient) {
		return jdbc.sql("select count(*) from audit_log where patient_id = :patient")
			.param("patient", Long.toString(patient))
			.query(Long.class)
			.single();
	}

	private static List<String> ids(Bundle bundle, Bundle.SearchEntryMode mode, String type) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == mode)
			.map(Bundle.BundleEntryComponent::getResource)
			.filter(r -> r.fhirType().equals(type))
			.map(r -> r.getIdElement().toUnqualifiedVersionless().getValue())
			.toList();
	}

}
