package continuum.imaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the reporting demo reads and, when the RIS has seeded no procedures, writes: the
 * performed procedures without a report, and a few procedures of its own (catalogue
 * entries only where the catalogue is empty).
 */
@Repository
class ReportDemoRepository {

	/** Demo catalogue entries: code, display, modality, body part. */
	static final List<List<String>> CATALOGUE = List.of(List.of("RPCTCHEST", "CT chest", "CT", "CHEST"),
			List.of("RPCTHEAD", "CT head without contrast", "CT", "HEAD"),
			List.of("RPCRCHEST", "Chest X-ray PA and lateral", "CR", "CHEST"),
			List.of("RPMRKNEE", "MRI knee", "MR", "KNEE"), List.of("RPUSABD", "Ultrasound abdomen", "US", "ABDOMEN"));

	private final JdbcClient jdbc;

	ReportDemoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Completed procedures with no report, oldest first. */
	List<Long> performedWithoutReport() {
		return jdbc.sql("""
				select rp.id from imaging_requested_procedure rp
				where rp.status = 'COMPLETED'
				  and not exists (select 1 from imaging_report r where r.requested_procedure_id = rp.id)
				order by rp.updated_at, rp.id""").query(Long.class).list();
	}

	/**
	 * The catalogue's codes by modality (one each), seeding {@link #CATALOGUE} if empty.
	 */
	List<String> catalogue() {
		if (jdbc.sql("select count(*) from imaging_procedure").query(Integer.class).single() == 0) {
			for (List<String> row : CATALOGUE) {
				jdbc.sql(
						"""
								insert into imaging_procedure (code, coding_scheme, display, modality, body_part, duration_minutes)
								values (?, '99CONTINUUM', ?, ?, ?, 20)""")
					.params(row.get(0), row.get(1), row.get(2), row.get(3))
					.update();
			}
		}
		return jdbc.sql("select min(code) from imaging_procedure where active group by modality order by modality")
			.query(String.class)
			.list();
	}

	/** A performed procedure of one order, at {@code at}; its id. */
	long performed(PatientId patient, String code, String priority, String studyUid, Instant at) {
		Timestamp time = Timestamp.from(at);
		long order = jdbc.sql("""
				insert into imaging_order (placer_number, placer_application, patient_id, priority, status, ordered_by,
				                           ordered_at, updated_at)
				values ('IO' || nextval('imaging_placer_number_seq'), 'CONTINUUM', ?, ?, 'COMPLETED', 'physician', ?, ?)
				returning id""").params(patient.value(), priority, time, time).query(Long.class).single();
		return jdbc.sql("""
				with n as (select nextval('imaging_accession_seq') as a)
				insert into imaging_requested_procedure (order_id, patient_id, procedure_code, accession_number,
				                                         requested_procedure_id, study_instance_uid, status, updated_at)
				select ?, ?, ?, n.a::text, 'RP' || n.a, ?, 'COMPLETED', ? from n returning id""")
			.params(order, patient.value(), code, studyUid, time)
			.query(Long.class)
			.single();
	}

}
