package continuum.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks the chain in order and reports every changed, removed or reordered row, and every
 * row slipped into the log behind the chain's back.
 */
class AuditVerifier {

	private static final int MAX_PROBLEMS = 100;

	private final JdbcClient jdbc;

	AuditVerifier(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	AuditVerification verify() {
		List<String> problems = new ArrayList<>();
		long[] checked = { 0 };
		long[] expectedSeq = { 1 };
		byte[][] previous = { AuditHash.GENESIS };
		long[] head = { 0, Long.MAX_VALUE };
		jdbc.sql("""
				select c.seq, c.audit_id, c.audit_tx, c.prev_hash, c.hash, a.*
				from audit_chain c left join audit_log a on a.id = c.audit_id
				order by c.seq""").query(rs -> {
			long seq = rs.getLong("seq");
			long id = rs.getLong("audit_id");
			byte[] storedPrev = rs.getBytes("prev_hash");
			byte[] stored = rs.getBytes("hash");
			checked[0]++;
			if (seq != expectedSeq[0]) {
				add(problems, "chain position " + expectedSeq[0] + (seq > expectedSeq[0] ? " to " + (seq - 1) : "")
						+ " missing before row id " + id + " (rows removed)");
			}
			if (!Arrays.equals(storedPrev, previous[0])) {
				add(problems, "row id " + id + " at position " + seq
						+ " does not link to the row before it (rows removed or reordered)");
			}
			rs.getLong("id");
			if (rs.wasNull()) {
				add(problems, "row id " + id + " at position " + seq + " was removed");
			}
			else if (!Arrays.equals(AuditHash.of(storedPrev, seq, AuditRepository.map(rs)), stored)) {
				add(problems, "row id " + id + " at position " + seq + " was changed after it was recorded");
			}
			previous[0] = stored;
			expectedSeq[0] = seq + 1;
			head[0] = rs.getLong("audit_tx");
			head[1] = head[0] == 0 ? Long.MAX_VALUE : id;
		});
		// The chainer links rows in (tx, id) order: a row at or before the last link that
		// is
		// not linked itself was added afterwards, by someone bypassing the application.
		jdbc.sql("""
				select a.id from audit_log a
				where (a.tx, a.id) <= (:tx, :id)
				  and not exists (select 1 from audit_chain c where c.audit_id = a.id)
				order by a.id limit :limit""")
			.param("tx", head[0])
			.param("id", head[1])
			.param("limit", MAX_PROBLEMS)
			.query(Long.class)
			.list()
			.forEach(id -> add(problems,
					"row id " + id + " is not in the chain, though rows written after it are" + " (added afterwards)"));
		return new AuditVerification(problems.isEmpty(), checked[0], List.copyOf(problems));
	}

	private static void add(List<String> problems, String problem) {
		if (problems.size() < MAX_PROBLEMS) {
			problems.add(problem);
		}
	}

}
