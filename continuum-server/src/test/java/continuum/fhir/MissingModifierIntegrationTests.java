package continuum.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.imaging.ReportFixtures;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.patients.PatientId;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.fhir.SearchHttp.ids;
import static continuum.fhir.SearchHttp.outcome;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code :missing} where an element may be absent: the dates of the clinical record
 * (AllergyIntolerance {@code date}, Condition {@code onset-date}, MedicationStatement
 * {@code effective}), ImagingStudy {@code started} (a study without a study date) and
 * AuditEvent {@code patient} (entries about no patient); malformed or contradictory uses
 * are 400s, through HTTP.
 */
@ContinuumIntegrationTest
class MissingModifierIntegrationTests {

	static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";

	static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	@LocalServerPort
	int port;

	@Autowired
	ReportFixtures reportFixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void clinicalDatesThatWereNeverRecorded() throws Exception {
		IGenericClient client = FhirTestSupport.client(port, "physician");
		Patient patient = new Patient();
		patient.addName().setFamily("Ontbrekend").addGiven("Mila");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		String id = client.create().resource(patient).execute().getId().getIdPart();
		String dated = condition(client, id, "2019-04-01");
		String undated = condition(client, id, null);
		String recorded = allergy(client, id, "2020-02-02");
		String unrecorded = allergy(client, id, null);
		String started = medication(client, id, "2021-03-03");
		String unstarted = medication(client, id, null);

		SearchHttp physician = new SearchHttp(port, "physician");
		String conditions = "Condition?patient=" + id;
		assertThat(ids(physician.search(conditions + "&onset-date:missing=true"))).containsExactly(undated);
		assertThat(ids(physician.search(conditions + "&onset-date:missing=false"))).containsExactly(dated);
		assertThat(ids(physician.search(conditions))).containsExactlyInAnyOrder(dated, undated);
		assertThat(ids(physician.search("AllergyIntolerance?patient=" + id + "&date:missing=true")))
			.containsExactly(unrecorded);
		assertThat(ids(physician.search("AllergyIntolerance?patient=" + id + "&date:missing=false")))
			.containsExactly(recorded);
		assertThat(ids(physician.search("MedicationStatement?patient=" + id + "&effective:missing=true")))
			.containsExactly(unstarted);
		assertThat(ids(physician.search("MedicationStatement?patient=" + id + "&effective:missing=false")))
			.containsExactly(started);
		Bundle count = physician.search(conditions + "&onset-date:missing=true&_summary=count");
		assertThat(count.getTotal()).isEqualTo(1);

		assertThat(outcome(physician.get(conditions + "&onset-date:missing=perhaps"), 400))
			.contains("onset-date:missing");
		// A date beside its :missing contradicts: refused (by HAPI's binding), never
		// guessed.
		assertThat(outcome(physician.get(conditions + "&onset-date:missing=true&onset-date=ge2019"), 400)).isNotBlank();
		assertThat(outcome(physician.get(conditions + "&clinical-status:missing=true"), 400))
			.contains("clinical-status:missing");
		assertThat(outcome(physician.get(conditions + "&patient:missing=true"), 400)).contains("patient:missing");
	}

	String condition(IGenericClient client, String patient, String onset) {
		Condition condition = new Condition();
		condition.setSubject(new Reference("Patient/" + patient));
		condition.setCode(new CodeableConcept().setText("Migraine"));
		condition.setClinicalStatus(new CodeableConcept(new Coding(CONDITION_CLINICAL, "active", null)));
		if (onset != null) {
			condition.setOnset(new DateTimeType(onset));
		}
		return client.create().resource(condition).execute().getId().getIdPart();
	}

	String allergy(IGenericClient client, String patient, String recorded) {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + patient));
		allergy.setCode(new CodeableConcept().setText("Latex"));
		allergy.setClinicalStatus(new CodeableConcept(new Coding(ALLERGY_CLINICAL, "active", null)));
		if (recorded != null) {
			allergy.setRecordedDateElement(new DateTimeType(recorded));
		}
		return client.create().resource(allergy).execute().getId().getIdPart();
	}

	String medication(IGenericClient client, String patient, String start) {
		MedicationStatement medication = new MedicationStatement();
		medication.setSubject(new Reference("Patient/" + patient));
		medication.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
		medication.setMedication(new CodeableConcept().setText("Magnesium"));
		if (start != null) {
			medication.setEffective(new Period().setStartElement(new DateTimeType(start)));
		}
		return client.create().resource(medication).execute().getId().getIdPart();
	}

	@Test
	void imagingStudiesWithoutAStudyDate() throws Exception {
		PatientId patient = reportFixtures.patient();
		Instant received = Instant.parse("2026-03-01T09:40:00Z");
		Procedure dated = reportFixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED", received);
		long datedStudy = reportFixtures.study(dated, "CT", LocalDate.of(2026, 3, 1), LocalTime.of(10, 30), 1, 1,
				received);
		Procedure undated = reportFixtures.procedure(patient, ReportFixtures.MR_CODE, "ROUTINE", "COMPLETED", received);
		long undatedStudy = reportFixtures.study(undated, "MR", LocalDate.of(2026, 3, 2), LocalTime.of(9, 0), 1, 1,
				received);
		// A modality that sent no Study Date (type 2 in DICOM: present, may be empty).
		jdbc.sql("update pacs_study set study_date = null, study_time = null where id = ?")
			.param(undatedStudy)
			.update();

		SearchHttp physician = new SearchHttp(port, "physician");
		String mine = "ImagingStudy?patient=" + patient.asString();
		List<String> all = ids(physician.search(mine));
		assertThat(all).hasSize(2);
		assertThat(ids(physician.search(mine + "&started:missing=true"))).hasSize(1)
			.doesNotContain(ids(physician.search(mine + "&started:missing=false")).get(0));
		assertThat(ids(physician.search(mine + "&started=2026-03-01"))).hasSize(1);
		assertThat(datedStudy).isNotEqualTo(undatedStudy);
		assertThat(outcome(physician.get(mine + "&modality:missing=true"), 400)).contains("modality:missing");
	}

	/** The entity an entry names as its patient (object role 1, Patient). */
	static boolean isPatient(AuditEvent.AuditEventEntityComponent entity) {
		return "1".equals(entity.getRole().getCode()) && entity.getWhat().getReference() != null
				&& entity.getWhat().getReference().startsWith("Patient/");
	}

	@Test
	void auditEntriesAboutNoPatient() throws Exception {
		SearchHttp auditor = new SearchHttp(port, "auditor");
		Bundle without = auditor.search("AuditEvent?patient:missing=true&_sort=-date&_count=20");
		assertThat(without.getEntry()).isNotEmpty();
		for (Bundle.BundleEntryComponent entry : without.getEntry()) {
			AuditEvent event = (AuditEvent) entry.getResource();
			assertThat(event.getEntity()).noneMatch(MissingModifierIntegrationTests::isPatient);
		}
		Bundle with = auditor.search("AuditEvent?patient:missing=false&_sort=-date&_count=20");
		assertThat(with.getEntry()).isNotEmpty();
		for (Bundle.BundleEntryComponent entry : with.getEntry()) {
			AuditEvent event = (AuditEvent) entry.getResource();
			assertThat(event.getEntity()).anyMatch(MissingModifierIntegrationTests::isPatient);
		}
		assertThat(outcome(auditor.get("AuditEvent?patient:missing=yes"), 400)).contains("patient:missing");
	}

}
