package continuum.patients;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keyset pages of patients and clinical entries by id, for the initial load of downtime
 * nodes: each page starts after the last id of the one before, so that reading the
 * 100,000th patient costs what reading the first does (no offset to skip).
 */
@Repository
class PatientExportRepository {

	/** A page of ids of patients not merged away (keyset: after the last id seen). */
	static final String PATIENT_IDS_AFTER = """
			select id from patient where id > :after and merged_into is null order by id limit :limit""";

	private final JdbcClient jdbc;

	private final PatientRepository patients;

	PatientExportRepository(JdbcClient jdbc, PatientRepository patients) {
		this.jdbc = jdbc;
		this.patients = patients;
	}

	/** Ids of patients not merged away above {@code afterId}, in id order. */
	List<Long> patientIdsAfter(long afterId, int limit) {
		return jdbc.sql(PATIENT_IDS_AFTER).param("after", afterId).param("limit", limit).query(Long.class).list();
	}

	/** Patients not merged away with an id above {@code afterId}, in id order. */
	List<Patient> patientsAfter(long afterId, int limit) {
		List<Long> ids = jdbc.sql(PATIENT_IDS_AFTER)
			.param("after", afterId)
			.param("limit", limit)
			.query(Long.class)
			.list();
		return patients.findAll(ids);
	}

	/** The patients with these ids, merged ones included, in id order. */
	List<Patient> patients(Collection<Long> ids) {
		return patients.findAll(ids.stream().sorted().distinct().toList());
	}

	/**
	 * Entries that hold (neither deleted nor entered in error) with an id above
	 * {@code afterId}, in id order.
	 */
	<T extends ClinicalEntry> List<T> entriesAfter(ClinicalKind<T> kind, long afterId, int limit) {
		return jdbc.sql(entryPage(kind))
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> kind.map(rs))
			.list();
	}

	/** The entries with these ids that hold, in id order. */
	<T extends ClinicalEntry> List<T> entries(ClinicalKind<T> kind, Collection<Long> ids) {
		return jdbc
			.sql("select * from " + kind.table() + " where id = any(cast(:ids as bigint[])) and " + live(kind)
					+ " order by id")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> kind.map(rs))
			.list();
	}

	/** A page of entries of the kind that hold (keyset: after the last id seen). */
	static String entryPage(ClinicalKind<?> kind) {
		return "select * from " + kind.table() + " where id > :after and " + live(kind) + " order by id limit :limit";
	}

	/** Which of these patients were merged into another. */
	List<Long> mergedAway(Collection<Long> ids) {
		return jdbc.sql("select id from patient where id = any(cast(:ids as bigint[])) and merged_into is not null")
			.param("ids", ids.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/**
	 * Neither deleted nor entered in error. No entry that holds is filed under a patient
	 * merged away: a merge moves them to the survivor, and none can be recorded on a
	 * merged patient. So the page reads one table, by its primary key.
	 */
	private static String live(ClinicalKind<?> kind) {
		return "deleted_at is null and " + kind.enteredInErrorColumn() + " <> 'entered-in-error'";
	}

}
