package continuum.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Walks the chain in order and reports every changed, removed or reordered row. */
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
		jdbc.sql("select * from audit_log where chain_seq is not null order by chain_seq").query(rs -> {
			AuditRecord row = AuditRepository.map(rs);
			long seq = rs.getLong("chain_seq");
			byte[] storedPrev = rs.getBytes("prev_hash");
			byte[] stored = rs.getBytes("hash");
			checked[0]++;
			if (seq != expectedSeq[0]) {
				add(problems, "chain position " + expectedSeq[0] + (seq > expectedSeq[0] ? " to " + (seq - 1) : "")
						+ " missing before row id " + row.id() + " (rows removed)");
			}
			if (!Arrays.equals(storedPrev, previous[0])) {
				add(problems, "row id " + row.id() + " at position " + seq
						+ " does not link to the row before it (rows removed or reordered)");
			}
			byte[] recomputed = AuditHash.of(storedPrev == null ? AuditHash.GENESIS : storedPrev, seq, row);
			if (!Arrays.equals(recomputed, stored)) {
				add(problems, "row id " + row.id() + " at position " + seq + " was changed after it was recorded");
			}
			previous[0] = stored == null ? AuditHash.GENESIS : stored;
			expectedSeq[0] = seq + 1;
		});
		return new AuditVerification(problems.isEmpty(), checked[0], List.copyOf(problems));
	}

	private static void add(List<String> problems, String problem) {
		if (problems.size() < MAX_PROBLEMS) {
			problems.add(problem);
		}
	}

}
