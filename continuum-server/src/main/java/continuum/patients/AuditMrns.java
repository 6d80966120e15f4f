package continuum.patients;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditPatientIdentifiers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The MRNs the audit messages sent off the machine name patients by (IHE ATNA): ids and
 * MRNs only, never a name. Not an access to a record: nothing else of the patient is
 * read.
 */
@Component
class AuditMrns implements AuditPatientIdentifiers {

	private final JdbcClient jdbc;

	AuditMrns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, String> mrns(Collection<String> patientIds) {
		List<Long> ids = patientIds.stream().filter(id -> id.matches("[0-9]{1,18}")).map(Long::valueOf).toList();
		Map<String, String> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		jdbc.sql("select id, mrn from patient where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query(rs -> {
				found.put(Long.toString(rs.getLong(1)), rs.getString(2));
			});
		return found;
	}

}
