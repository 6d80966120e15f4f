package continuum.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import continuum.audit.AuditChainHead;
import continuum.audit.AuditService;
import continuum.audit.AuditVerification;
import continuum.changes.ChangeFeed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The checks of a restored copy recovered to its backup's restore point: every B-tree
 * index with {@code amcheck}'s {@code bt_index_check}, the row count of every table
 * against the manifest, the audit chain recomputed end to end up to the recorded head,
 * and the change feed's newest position. Answers what was checked; the first failure
 * throws with its code.
 */
@Component
class CopyChecks {

	private final AuditService audit;

	private final ChangeFeed changes;

	CopyChecks(AuditService audit, ChangeFeed changes) {
		this.audit = audit;
		this.changes = changes;
	}

	List<String> check(Connection copy, BackupManifest manifest) throws SQLException {
		JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(copy, true));
		List<String> checked = new ArrayList<>();
		checked.add(indexes(jdbc));
		checked.add(rowCounts(jdbc, manifest));
		AuditChainHead head = manifest.auditChainPosition() == null ? null
				: new AuditChainHead(manifest.auditChainPosition(), manifest.auditChainHash());
		AuditVerification chain = audit.verifyCopy(jdbc, head);
		if (!chain.intact()) {
			throw new BackupException(BackupCode.AUDIT_CHAIN, "The restored audit chain does not verify: "
					+ String.join("; ", chain.problems().subList(0, Math.min(5, chain.problems().size()))));
		}
		checked.add("audit chain: " + chain.rowsChecked() + " links verified"
				+ (head == null ? "" : " up to position " + head.position()));
		long feed = changes.headIn(jdbc);
		if (feed != manifest.changeFeedPosition()) {
			throw new BackupException(BackupCode.CHANGE_FEED, "The restored change feed ends at position " + feed
					+ ", the manifest says " + manifest.changeFeedPosition());
		}
		checked.add("change feed: newest position " + feed);
		return checked;
	}

	private static String indexes(JdbcClient jdbc) {
		jdbc.sql("create extension if not exists amcheck").update();
		List<Map<String, Object>> indexes = jdbc.sql("""
				select c.oid::bigint as oid, n.nspname || '.' || c.relname as name
				from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
				join pg_namespace n on n.oid = c.relnamespace
				where a.amname = 'btree' and i.indisvalid and i.indisready and c.relpersistence <> 't'
				order by 2""").query().listOfRows();
		for (Map<String, Object> index : indexes) {
			try {
				jdbc.sql("select bt_index_check(cast(:oid as oid))")
					.param("oid", ((Number) index.get("oid")).longValue())
					.query()
					.singleValue();
			}
			catch (RuntimeException ex) {
				throw new BackupException(BackupCode.INDEX,
						"amcheck found index " + index.get("name") + " damaged in the restored copy", ex);
			}
		}
		return "amcheck: " + indexes.size() + " B-tree indexes";
	}

	private static String rowCounts(JdbcClient jdbc, BackupManifest manifest) {
		List<String> tables = jdbc.sql("""
				select quote_ident(c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind = 'r' and c.relpersistence = 'p' order by 1""")
			.query(String.class)
			.list();
		Map<String, Long> counts = new TreeMap<>();
		for (String table : tables) {
			counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		if (!counts.equals(new TreeMap<>(manifest.rowCounts()))) {
			List<String> differences = new ArrayList<>();
			manifest.rowCounts().forEach((table, expected) -> {
				Long actual = counts.get(table);
				if (!expected.equals(actual)) {
					differences
						.add(table + " " + (actual == null ? "missing" : actual) + " (manifest " + expected + ")");
				}
			});
			counts.keySet()
				.stream()
				.filter(t -> !manifest.rowCounts().containsKey(t))
				.forEach(t -> differences.add(t + " not in the manifest"));
			throw new BackupException(BackupCode.ROW_COUNT,
					"Row counts of the restored copy differ: " + String.join(", ", differences));
		}
		long rows = counts.values().stream().mapToLong(Long::longValue).sum();
		return "row counts: " + counts.size() + " tables, " + rows + " rows as in the manifest";
	}

}
