package continuum.lab;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which patients the laboratory is working for now, for deciding who may open a
 * restricted record: the laboratory serves every ward, so its staff have a care
 * relationship with a patient while one of the patient's order items is active (a
 * specimen to collect or receive, a result to enter, verify or release). Not audited and
 * not checked: it answers the decision and is never shown; it returns ids only.
 */
@Service
public class CareLabWork {

	private final JdbcClient jdbc;

	CareLabWork(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The patients among {@code patientIds} with an active laboratory order item. */
	@Transactional(readOnly = true)
	public Set<Long> withOpenWork(Collection<Long> patientIds) {
		if (patientIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select distinct patient_id from lab_order_item
				where patient_id = any(cast(:patients as bigint[])) and status = 'ACTIVE'""")
			.param("patients", patientIds.toArray(Long[]::new))
			.query(Long.class)
			.list());
	}

}
