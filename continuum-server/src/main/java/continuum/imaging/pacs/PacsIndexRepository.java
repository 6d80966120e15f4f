package continuum.imaging.pacs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import continuum.audit.StatementAudit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The index rows of stored objects (V460): patient, study, series and instance upserts
 * and the study's and series' counters, kept in the ingest's transaction.
 */
@Repository
class PacsIndexRepository {

	/** An instance the index holds. */
	record HeldInstance(long id, long seriesId, long studyId, byte[] sha256, String filePath, String sopClassUid) {
	}

	/** A study row as the ingest reads it. */
	record StudyRow(long id, long pacsPatientId, @Nullable String accessionNumber, String status,
			@Nullable Long patientId) {
	}

	private final JdbcClient jdbc;

	PacsIndexRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<HeldInstance> instance(String sopInstanceUid) {
		return jdbc.sql("""
				select i.id, i.series_id, s.study_id, i.sha256, i.file_path, i.sop_class_uid
				from pacs_instance i join pacs_series s on s.id = i.series_id
				where i.sop_instance_uid = :uid""")
			.param("uid", sopInstanceUid)
			.query((rs, n) -> new HeldInstance(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4),
					rs.getString(5), rs.getString(6)))
			.optional();
	}

	/**
	 * The patient row's id, inserted when new: one statement, unless a concurrent ingest
	 * committed the row after this statement began (then a second one reads it).
	 */
	long patient(IndexedObject o, Instant now) {
		return jdbc.sql("""
				with inserted as (
				  insert into pacs_patient (dicom_patient_id, issuer, patient_name, patient_name_match, birth_date, sex,
				                            updated_at)
				  values (:pid, :issuer, :name, :nameMatch, :birth, :sex, :now)
				  on conflict (dicom_patient_id, issuer) do nothing
				  returning id)
				select id from inserted
				union all select id from pacs_patient where dicom_patient_id = :pid and issuer = :issuer
				limit 1""")
			.param("pid", o.dicomPatientId())
			.param("issuer", o.issuer())
			.param("name", o.patientName())
			.param("nameMatch", o.patientNameMatch())
			.param("birth", o.birthDate())
			.param("sex", o.sex())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElseGet(() -> jdbc.sql("select id from pacs_patient where dicom_patient_id = :pid and issuer = :issuer")
				.param("pid", o.dicomPatientId())
				.param("issuer", o.issuer())
				.query(Long.class)
				.single());
	}

	/** The study row, if the index has it (not locked). */
	Optional<StudyRow> study(String studyInstanceUid) {
		return jdbc.sql("""
				select id, pacs_patient_id, accession_number, status, patient_id
				from pacs_study where study_instance_uid = :uid""")
			.param("uid", studyInstanceUid)
			.query(PacsIndexRepository::studyRow)
			.optional();
	}

	/** Inserts the study; empty when a concurrent ingest inserted it first. */
	Optional<StudyRow> insertStudy(IndexedObject o, long pacsPatientId, Reconciliation r, Instant now) {
		return jdbc.sql("""
				insert into pacs_study (study_instance_uid, pacs_patient_id, patient_id, requested_procedure_id,
				                        study_date, study_time, accession_number, study_id, study_description,
				                        referring_physician, referring_physician_match, status, created_at, updated_at)
				values (:uid, :pacsPatient, :patient, :rp, :date, :time, :accession, :studyId, :description,
				        :referring, :referringMatch, :status, :now, :now)
				on conflict (study_instance_uid) do nothing
				returning id, pacs_patient_id, accession_number, status, patient_id""")
			.param("uid", o.studyInstanceUid())
			.param("pacsPatient", pacsPatientId)
			.param("patient", r.patientId())
			.param("rp", r.requestedProcedureId())
			.param("date", o.studyDate())
			.param("time", o.studyTime())
			.param("accession", o.accessionNumber())
			.param("studyId", o.studyId())
			.param("description", o.studyDescription())
			.param("referring", o.referringPhysician())
			.param("referringMatch", o.referringPhysicianMatch())
			.param("status", r.status().name())
			.param("now", Timestamp.from(now))
			.query(PacsIndexRepository::studyRow)
			.optional();
	}

	private static StudyRow studyRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new StudyRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5));
	}

	/**
	 * Quarantines a reconciled study whose objects now contradict it, the series row
	 * locked first (the order in which every ingest locks them, {@link #insertInstance});
	 * false when it was no longer reconciled.
	 */
	boolean quarantineStudy(long studyId, long seriesId, Instant now) {
		jdbc.sql("select id from pacs_series where id = :series for update")
			.param("series", seriesId)
			.query(Long.class)
			.list();
		return jdbc.sql("""
				update pacs_study set status = 'QUARANTINED', updated_at = :now
				where id = :id and status = 'RECONCILED'""")
			.param("id", studyId)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** The series row's id, inserted when new: one statement, as {@link #patient}. */
	long series(IndexedObject o, long studyId, Instant now) {
		return jdbc.sql("""
				with inserted as (
				  insert into pacs_series (series_instance_uid, study_id, modality, series_number, series_description,
				                           body_part, station_name, pps_start_date, pps_start_time, updated_at)
				  values (:uid, :study, :modality, :number, :description, :bodyPart, :station, :ppsDate, :ppsTime, :now)
				  on conflict (series_instance_uid) do nothing
				  returning id)
				select id from inserted
				union all select id from pacs_series where series_instance_uid = :uid
				limit 1""")
			.param("uid", o.seriesInstanceUid())
			.param("study", studyId)
			.param("modality", o.modality())
			.param("number", o.seriesNumber())
			.param("description", o.seriesDescription())
			.param("bodyPart", o.bodyPart())
			.param("station", o.stationName())
			.param("ppsDate", o.ppsStartDate())
			.param("ppsTime", o.ppsStartTime())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElseGet(() -> jdbc.sql("select id from pacs_series where series_instance_uid = :uid")
				.param("uid", o.seriesInstanceUid())
				.query(Long.class)
				.single());
	}

	/**
	 * What {@link #insertInstance} did: whether the row went in, and whether it opened
	 * its series.
	 */
	record Inserted(boolean inserted, boolean firstOfSeries) {
	}

	/**
	 * Inserts the instance, counts it in its series and study (instances, series with
	 * instances, modalities and SOP classes in study) and writes its audit row, in one
	 * statement — the last of the ingest's transaction, so that the series and study rows
	 * stay locked only from here to the commit (ingests of one series take turns there,
	 * series row first, then study row). Nothing is counted or audited when a concurrent
	 * ingest of the same SOP Instance UID won.
	 */
	Inserted insertInstance(InstanceFiles.Received r, long seriesId, long studyId, String filePath, String sourceAe,
			Instant now, StatementAudit audit) {
		IndexedObject o = r.object();
		return audit.bind(jdbc.sql("""
				with ins as (
				  insert into pacs_instance (sop_instance_uid, series_id, sop_class_uid, instance_number,
				                             transfer_syntax_uid, content_date, content_time, number_of_frames, rows,
				                             columns, bits_allocated, file_path, file_size, sha256, source_ae,
				                             received_at)
				  values (:uid, :series, :sopClass, :number, :ts, :date, :time, :frames, :rows, :columns, :bits,
				          :path, :size, :sha, :source, :now)
				  on conflict (sop_instance_uid) do nothing
				  returning id),
				se as (
				  update pacs_series set instance_count = instance_count + 1, updated_at = :now
				  where id = :series and exists (select 1 from ins)
				  returning instance_count),
				st as (
				  update pacs_study set instance_count = instance_count + 1,
				         series_count = series_count + (select count(*) from se where instance_count = 1),
				         modalities = case when cast(:modality as varchar) is null or :modality = any(modalities)
				                           then modalities else modalities || cast(:modality as varchar) end,
				         sop_classes = case when :sopClass = any(sop_classes) then sop_classes
				                            else sop_classes || cast(:sopClass as varchar) end,
				         updated_at = :now
				  where id = :study and exists (select 1 from se)
				  returning id),
				""" + audit.cte("ins") + """
				select (select count(*) from ins), (select instance_count from se)"""))
			.param("uid", o.sopInstanceUid())
			.param("series", seriesId)
			.param("study", studyId)
			.param("modality", o.modality())
			.params(instanceValues(r, filePath, sourceAe, now))
			.query((rs, n) -> new Inserted(rs.getInt(1) == 1, rs.getInt(2) == 1))
			.single();
	}

	void replaceInstance(long id, InstanceFiles.Received r, long seriesId, String filePath, String sourceAe,
			Instant now) {
		jdbc.sql(
				"""
						update pacs_instance set series_id = :series, sop_class_uid = :sopClass, instance_number = :number,
						       transfer_syntax_uid = :ts, content_date = :date, content_time = :time, number_of_frames = :frames,
						       rows = :rows, columns = :columns, bits_allocated = :bits, file_path = :path, file_size = :size,
						       sha256 = :sha, source_ae = :source, received_at = :now
						where id = :id""")
			.param("id", id)
			.param("series", seriesId)
			.params(instanceValues(r, filePath, sourceAe, now))
			.update();
	}

	private static java.util.Map<String, @Nullable Object> instanceValues(InstanceFiles.Received r, String filePath,
			String sourceAe, Instant now) {
		IndexedObject o = r.object();
		var values = new java.util.HashMap<String, @Nullable Object>();
		values.put("sopClass", o.sopClassUid());
		values.put("number", o.instanceNumber());
		values.put("ts", r.transferSyntax());
		values.put("date", o.contentDate());
		values.put("time", o.contentTime());
		values.put("frames", o.numberOfFrames());
		values.put("rows", o.rows());
		values.put("columns", o.columns());
		values.put("bits", o.bitsAllocated());
		values.put("path", filePath);
		values.put("size", r.size());
		values.put("sha", r.sha256());
		values.put("source", sourceAe);
		values.put("now", Timestamp.from(now));
		return values;
	}

	/**
	 * Recounts a series and its study from their rows: instances, series, modalities and
	 * SOP classes in study.
	 */
	void recount(long seriesId, long studyId, Instant now) {
		jdbc.sql("""
				update pacs_series set instance_count = (select count(*) from pacs_instance where series_id = :series),
				       updated_at = :now
				where id = :series""").param("series", seriesId).param("now", Timestamp.from(now)).update();
		jdbc.sql(
				"""
						update pacs_study st set
						       series_count = (select count(*) from pacs_series where study_id = st.id and instance_count > 0),
						       instance_count = (select coalesce(sum(instance_count), 0) from pacs_series where study_id = st.id),
						       modalities = array(select distinct modality from pacs_series
						                          where study_id = st.id and modality is not null and instance_count > 0
						                          order by 1),
						       sop_classes = array(select distinct i.sop_class_uid from pacs_instance i
						                           join pacs_series s on s.id = i.series_id where s.study_id = st.id order by 1),
						       updated_at = :now
						where id = :study""")
			.param("study", studyId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The requested procedure with this Accession Number: its id and patient. */
	Optional<long[]> requestedProcedure(String accessionNumber) {
		return jdbc.sql("select id, patient_id from imaging_requested_procedure where accession_number = :accession")
			.param("accession", accessionNumber)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.optional();
	}

	String dicomPatientIdOf(long pacsPatientId) {
		return jdbc.sql("select dicom_patient_id from pacs_patient where id = :id")
			.param("id", pacsPatientId)
			.query(String.class)
			.single();
	}

	/**
	 * Links the patient as the objects name it to the register's patient they were
	 * reconciled to.
	 */
	void linkPatient(long pacsPatientId, long patientId) {
		jdbc.sql(
				"update pacs_patient set patient_id = :patient where id = :id and patient_id is distinct from :patient")
			.param("id", pacsPatientId)
			.param("patient", patientId)
			.update();
	}

	/** Serves a quarantined study from now on, linked to the patient (and order). */
	void reconcileStudy(long studyId, long patientId, @Nullable Long requestedProcedureId, Instant now) {
		jdbc.sql("""
				update pacs_study set status = 'RECONCILED', patient_id = :patient,
				       requested_procedure_id = :rp, updated_at = :now
				where id = :id""")
			.param("id", studyId)
			.param("patient", patientId)
			.param("rp", requestedProcedureId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Deletes a study's instance, series and study rows. */
	void deleteStudy(long studyId) {
		jdbc.sql("delete from pacs_instance where series_id in (select id from pacs_series where study_id = :id)")
			.param("id", studyId)
			.update();
		jdbc.sql("delete from pacs_series where study_id = :id").param("id", studyId).update();
		jdbc.sql("delete from pacs_study where id = :id").param("id", studyId).update();
	}

}
