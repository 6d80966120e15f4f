package continuum.imaging.dicomweb;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The instances of a study, series or single instance that WADO-RS serves, in series and
 * instance number order; only of RECONCILED studies.
 */
@Repository
class InstanceRepository {

	private final JdbcClient jdbc;

	InstanceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StoredInstance> find(String studyUid, @Nullable String seriesUid, @Nullable String sopInstanceUid) {
		return jdbc.sql("""
				select s.study_instance_uid, se.series_instance_uid, i.sop_instance_uid, i.sop_class_uid,
				       i.transfer_syntax_uid, i.file_path, i.file_size, coalesce(i.number_of_frames, 1) as frames,
				       i.rows, i.columns, i.bits_allocated, s.patient_id
				  from pacs_study s
				  join pacs_series se on se.study_id = s.id
				  join pacs_instance i on i.series_id = se.id
				 where s.study_instance_uid = :study and s.status = 'RECONCILED'
				   and (cast(:series as varchar) is null or se.series_instance_uid = :series)
				   and (cast(:instance as varchar) is null or i.sop_instance_uid = :instance)
				 order by se.series_number nulls last, se.id, i.instance_number nulls last, i.id""")
			.param("study", studyUid)
			.param("series", seriesUid)
			.param("instance", sopInstanceUid)
			.query((rs, n) -> new StoredInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8), (Integer) rs.getObject(9),
					(Integer) rs.getObject(10), (Integer) rs.getObject(11), rs.getLong(12)))
			.list();
	}

}
