package continuum.imaging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import continuum.lab.LabFixtures;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the radiology rows a reporting test needs: a fresh patient, an order with one
 * requested procedure (of the demo catalogue) and its step in the status asked, and a
 * reconciled PACS study for it with series and instances. The RIS and PACS write these
 * tables in production; here they are written directly so that report tests stand on
 * their own.
 */
@Component
public class ReportFixtures {

	public static final String CT_CODE = "24627-2";

	public static final String MR_CODE = "MR-BRAIN";

	private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private final LabFixtures lab;

	private final JdbcClient jdbc;

	public ReportFixtures(LabFixtures lab, JdbcClient jdbc) {
		this.lab = lab;
		this.jdbc = jdbc;
	}

	/** A procedure of the patient, of the catalogue's {@code code}. */
	public record Procedure(long id, PatientId patient, String accession, String studyUid) {
	}

	public PatientId patient() {
		return lab.patient(Gender.FEMALE, LocalDate.of(1971, 4, 2));
	}

	public Procedure procedure(PatientId patient, String code, String priority, String status, Instant at) {
		long n = NEXT.incrementAndGet();
		long order = jdbc.sql("""
				insert into imaging_order (placer_number, placer_application, patient_id, priority, status, ordered_by,
				                           ordered_at, updated_at)
				values (?, 'TEST', ?, ?, 'ACTIVE', 'physician', ?, ?) returning id""")
			.params("T" + n, patient.value(), priority, java.sql.Timestamp.from(at), java.sql.Timestamp.from(at))
			.query(Long.class)
			.single();
		String accession = "T" + n;
		String uid = "2.25.9" + n;
		long id = jdbc.sql("""
				insert into imaging_requested_procedure (order_id, patient_id, procedure_code, accession_number,
				                                         requested_procedure_id, study_instance_uid, status, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(order, patient.value(), code, accession, "RP" + n, uid, status, java.sql.Timestamp.from(at))
			.query(Long.class)
			.single();
		String step = switch (status) {
			case "COMPLETED", "IN_PROGRESS", "DISCONTINUED" -> status;
			default -> "SCHEDULED";
		};
		jdbc.sql("""
				insert into imaging_procedure_step (requested_procedure_id, patient_id, step_id, modality, start_at,
				                                    duration_minutes, status, updated_at)
				values (?, ?, ?, (select modality from imaging_procedure where code = ?), ?, 20, ?, ?)""")
			.params(id, patient.value(), "SPS" + n, code, java.sql.Timestamp.from(at), step,
					java.sql.Timestamp.from(at))
			.update();
		return new Procedure(id, patient, accession, uid);
	}

	/**
	 * A reconciled study of the procedure in the PACS index: {@code series} series of
	 * {@code instances} CT instances each, study date and time as given (Brussels time).
	 */
	public long study(Procedure procedure, String modality, LocalDate date, LocalTime time, int series, int instances,
			Instant received) {
		var at = java.sql.Timestamp.from(received);
		long pacsPatient = jdbc.sql("""
				insert into pacs_patient (dicom_patient_id, patient_name, patient_name_match, patient_id, updated_at)
				values (?, 'TEST^PATIENT', 'TEST^PATIENT', ?, ?) returning id""")
			.params("P" + procedure.accession(), procedure.patient().value(), at)
			.query(Long.class)
			.single();
		long study = jdbc
			.sql("""
					insert into pacs_study (study_instance_uid, pacs_patient_id, patient_id, requested_procedure_id, study_date,
					                        study_time, accession_number, study_description, modalities, sop_classes,
					                        series_count, instance_count, status, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, 'CT chest', ?::varchar[], ?::varchar[], ?, ?, 'RECONCILED', ?, ?)
					returning id""")
			.params(procedure.studyUid(), pacsPatient, procedure.patient().value(), procedure.id(),
					java.sql.Date.valueOf(date), java.sql.Time.valueOf(time), procedure.accession(),
					"{" + modality + "}", "{1.2.840.10008.5.1.4.1.1.2}", series, series * instances, at, at)
			.query(Long.class)
			.single();
		for (int s = 1; s <= series; s++) {
			long seriesId = jdbc.sql("""
					insert into pacs_series (series_instance_uid, study_id, modality, series_number, series_description,
					                         body_part, instance_count, updated_at)
					values (?, ?, ?, ?, ?, 'CHEST', ?, ?) returning id""")
				.params(procedure.studyUid() + "." + s, study, modality, s, "Series " + s, instances, at)
				.query(Long.class)
				.single();
			for (int i = 1; i <= instances; i++) {
				jdbc.sql(
						"""
								insert into pacs_instance (sop_instance_uid, series_id, sop_class_uid, instance_number,
								                           transfer_syntax_uid, file_path, file_size, sha256, source_ae, received_at)
								values (?, ?, '1.2.840.10008.5.1.4.1.1.2', ?, '1.2.840.10008.1.2.1', ?, 1, '\\x00', 'TESTSCU', ?)""")
					.params(procedure.studyUid() + "." + s + "." + i, seriesId, i, "test/" + s + "/" + i, at)
					.update();
			}
		}
		return study;
	}

}
