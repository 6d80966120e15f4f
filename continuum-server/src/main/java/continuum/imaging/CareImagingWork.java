package continuum.imaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which patients the imaging department is working for now, for deciding who may open a
 * restricted record: radiology serves every ward, so its staff have a care relationship
 * with a patient while one of the patient's requested procedures is scheduled, in
 * progress, or performed and not yet finally reported. Not audited and not checked: it
 * answers the decision and is never shown; it returns ids only.
 */
@Service
public class CareImagingWork {

	private final JdbcClient jdbc;

	CareImagingWork(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The patients among {@code patientIds} with a requested procedure to perform or to
	 * report.
	 */
	@Transactional(readOnly = true)
	public Set<Long> withOpenWork(Collection<Long> patientIds) {
		if (patientIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select distinct rp.patient_id from imaging_requested_procedure rp
				left join imaging_report r on r.requested_procedure_id = rp.id
				where rp.patient_id = any(cast(:patients as bigint[]))
				  and (rp.status in ('SCHEDULED', 'IN_PROGRESS')
				       or rp.status = 'COMPLETED' and (r.id is null or r.status in ('DRAFT', 'PRELIMINARY')))""")
			.param("patients", patientIds.toArray(Long[]::new))
			.query(Long.class)
			.list());
	}

}
