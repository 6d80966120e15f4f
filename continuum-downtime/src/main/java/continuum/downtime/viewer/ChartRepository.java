package continuum.downtime.viewer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import continuum.downtime.NameFolding;
import continuum.downtime.viewer.Chart.Allergies;
import continuum.downtime.viewer.Chart.Allergy;
import continuum.downtime.viewer.Chart.Appointment;
import continuum.downtime.viewer.Chart.Banner;
import continuum.downtime.viewer.Chart.CensusLine;
import continuum.downtime.viewer.Chart.ImagingReport;
import continuum.downtime.viewer.Chart.LabValue;
import continuum.downtime.viewer.Chart.Medication;
import continuum.downtime.viewer.Chart.Problem;
import continuum.downtime.viewer.Chart.Ward;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The store's read queries. An encounter is current while it is in progress and has no
 * end; an allergy, medication or problem counts unless entered in error (or refuted,
 * inactive, stopped: see each query).
 */
@Repository
public class ChartRepository {

	static final String NO_KNOWN_ALLERGY = "716186003";

	private static final String CURRENT_ENCOUNTER = "lower(e.status) in ('in-progress', 'in_progress') and e.end_at is null";

	private static final String BANNER_COLUMNS = """
			p.id, p.family_name, p.given_names, p.mrn, p.birth_date, p.gender, p.deceased, p.merged_into, p.restricted,
			(select max(concat_ws(' ', e.ward_name, e.room_code, e.bed_code)) from encounter e
			  where e.patient_id = p.id and %s) as location""".formatted(CURRENT_ENCOUNTER);

	private final JdbcClient db;

	ChartRepository(JdbcClient db) {
		this.db = db;
	}

	public List<Ward> wards() {
		return db.sql("""
				select w.id, w.code, w.name,
				  (select count(*) from location b where b.kind = 'bed' and b.ward_id = w.id),
				  (select count(*) from encounter e where e.ward_id = w.id and %s)
				from location w where w.kind = 'ward' order by w.name, w.code""".formatted(CURRENT_ENCOUNTER))
			.query((rs, n) -> new Ward(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)))
			.list();
	}

	public Optional<Ward> ward(String id) {
		return wards().stream().filter(w -> w.id().equals(id)).findFirst();
	}

	public List<CensusLine> census(String wardId, boolean withAllergies) {
		List<CensusLine> lines = db
			.sql("""
					select %s, e.room_code, e.bed_code, e.start_at from encounter e join patient p on p.id = e.patient_id
					where e.ward_id = ? and %s order by e.room_code, e.bed_code"""
				.formatted(BANNER_COLUMNS, CURRENT_ENCOUNTER))
			.param(wardId)
			.query((rs, n) -> new CensusLine(rs.getString("room_code"), rs.getString("bed_code"), banner(rs),
					rs.getObject("start_at", OffsetDateTime.class), null))
			.list();
		if (!withAllergies) {
			return lines;
		}
		List<CensusLine> withThem = new ArrayList<>();
		for (CensusLine line : lines) {
			withThem.add(new CensusLine(line.roomCode(), line.bedCode(), line.patient(), line.admitted(),
					allergies(line.patient().id())));
		}
		return withThem;
	}

	/**
	 * Patients whose folded names (or MRN) start with each word of the query, merged ones
	 * left out.
	 */
	public List<Banner> search(String query, int limit) {
		List<String> words = new ArrayList<>();
		for (String word : NameFolding.fold(query).split("[^\\p{L}\\p{N}]+")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		if (words.isEmpty()) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder(
				"select " + BANNER_COLUMNS + " from patient p where p.merged_into is null");
		List<Object> params = new ArrayList<>();
		for (String word : words) {
			sql.append(" and p.search_text like ? escape '\\'");
			params.add("% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		sql.append(" order by p.family_name, p.given_names, p.id limit ").append(limit);
		return db.sql(sql.toString()).params(params).query((rs, n) -> banner(rs)).list();
	}

	public Optional<Banner> banner(String patientId) {
		return db.sql("select " + BANNER_COLUMNS + " from patient p where p.id = ?")
			.param(patientId)
			.query((rs, n) -> banner(rs))
			.optional();
	}

	public List<String> patientsOnWard(String wardId) {
		return db
			.sql("select e.patient_id from encounter e where e.ward_id = ? and " + CURRENT_ENCOUNTER
					+ " order by e.room_code, e.bed_code")
			.param(wardId)
			.query(String.class)
			.list();
	}

	public Allergies allergies(String patientId) {
		List<Object[]> rows = db.sql("""
				select code, substance, criticality, reactions, verification_status, clinical_status from allergy
				where patient_id = ? and coalesce(lower(verification_status), '') not in ('entered-in-error', 'refuted')
				order by substance""")
			.param(patientId)
			.query((rs,
					n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getString(6) })
			.list();
		List<Allergy> current = new ArrayList<>();
		boolean noneKnown = false;
		for (Object[] row : rows) {
			String clinical = (String) row[5];
			if (NO_KNOWN_ALLERGY.equals(row[0])) {
				noneKnown = clinical == null || clinical.equalsIgnoreCase("active");
			}
			else if (clinical == null || clinical.equalsIgnoreCase("active")) {
				current.add(new Allergy(row[1] == null ? "(unnamed)" : (String) row[1], (String) row[2],
						(String) row[3], (String) row[4]));
			}
		}
		return new Allergies(current, noneKnown && current.isEmpty(), rows.isEmpty());
	}

	public List<Medication> medications(String patientId) {
		return db.sql("""
				select drug, dose, route, frequency, status from medication where patient_id = ?
				and coalesce(lower(status), 'active') in ('active', 'intended', 'on-hold', 'unknown') order by drug""")
			.param(patientId)
			.query((rs, n) -> new Medication(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	public List<Problem> problems(String patientId) {
		return db.sql("""
				select text, clinical_status, onset_date from problem where patient_id = ?
				and coalesce(lower(clinical_status), 'active') in ('active', 'recurrence', 'relapse')
				and coalesce(lower(verification_status), '') not in ('entered-in-error', 'refuted') order by text""")
			.param(patientId)
			.query((rs, n) -> new Problem(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Appointments from the start of today to the end of tomorrow, local time. */
	public List<Appointment> appointments(String patientId, LocalDate today, ZoneId zone) {
		OffsetDateTime from = today.atStartOfDay(zone).toOffsetDateTime();
		OffsetDateTime to = today.plusDays(2).atStartOfDay(zone).toOffsetDateTime();
		return db.sql("""
				select start_at, end_at, schedule_name, appointment_type, description, status from appointment
				where patient_id = ? and start_at >= ? and start_at < ? order by start_at""")
			.params(patientId, from, to)
			.query((rs, n) -> new Appointment(rs.getObject(1, OffsetDateTime.class),
					rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6)))
			.list();
	}

	/** Each test's newest released result, in name order (at most 60 tests). */
	public List<LabValue> latestResults(String patientId) {
		return db.sql("""
				select name, result_value, unit, reference_range, flag, status, effective_at from (
				  select r.*, row_number() over (partition by code order by effective_at desc, id desc) as newest
				  from lab_result r where patient_id = ?) x
				where newest = 1 order by name limit 60""")
			.param(patientId)
			.query((rs, n) -> new LabValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
			.list();
	}

	/** The patient's signed radiology reports, newest first (at most 20). */
	public List<ImagingReport> imagingReports(String patientId) {
		return db.sql("""
				select name, modality, accession, status, findings, impression, verified_by, issued_at
				from imaging_report where patient_id = ? order by effective_at desc nulls last, id desc limit 20""")
			.param(patientId)
			.query((rs, n) -> new ImagingReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
			.list();
	}

	private static Banner banner(ResultSet rs) throws SQLException {
		return new Banner(rs.getString("id"), Banner.name(rs.getString("family_name"), rs.getString("given_names")),
				rs.getString("mrn"), rs.getObject("birth_date", LocalDate.class), rs.getString("gender"),
				rs.getBoolean("deceased"), rs.getString("merged_into"), rs.getString("location"),
				rs.getString("restricted"));
	}

}
