package continuum.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The entries downtime nodes shipped ({@code audit_node_entry}) and the audit rows they
 * became: written together, read back for idempotency and for verification.
 */
@Repository
class NodeEntryRepository {

	/** A node's last link received: its position and hash. */
	record Link(long seq, String hash) {
	}

	/** A shipped entry as stored, with the audit row it became (null when removed). */
	record Stored(String nodeId, long seq, long auditId, String at, String previousHash, String hash,
			@Nullable AuditRecord row) {
	}

	/** A new entry to store: what the node sent, the time read from it. */
	record Incoming(ShippedAuditEntry entry, Instant at, AuditAction action, AuditOutcome outcome) {
	}

	private final JdbcClient jdbc;

	NodeEntryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Serialises shipments of the node until the end of the transaction. */
	void lock(String nodeId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "audit-node:" + nodeId)
			.query()
			.singleValue();
	}

	Optional<Link> last(String nodeId) {
		return jdbc.sql("select seq, hash from audit_node_entry where node_id = :node order by seq desc limit 1")
			.param("node", nodeId)
			.query((rs, n) -> new Link(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	/** The hashes received for these positions of the node, by position. */
	Map<Long, String> hashes(String nodeId, Collection<Long> positions) {
		Map<Long, String> hashes = new HashMap<>();
		jdbc.sql("select seq, hash from audit_node_entry where node_id = :node and seq = any(cast(:seqs as bigint[]))")
			.param("node", nodeId)
			.param("seqs", positions.toArray(Long[]::new))
			.query(rs -> {
				hashes.put(rs.getLong(1), rs.getString(2));
			});
		return hashes;
	}

	/**
	 * Writes each entry's audit row, with its own time and user and the node as address,
	 * and its receipt. The rows' ids are drawn first, in order, so that each receipt
	 * names its row and the chain links the rows in the node's order.
	 */
	void insert(String nodeId, List<Incoming> entries) {
		int n = entries.size();
		List<Long> ids = jdbc
			.sql("select nextval(pg_get_serial_sequence('audit_log', 'id')) from generate_series(1, :n)")
			.param("n", n)
			.query(Long.class)
			.list()
			.stream()
			.sorted()
			.toList();
		Long[] auditIds = ids.toArray(Long[]::new);
		Long[] seqs = new Long[n];
		String[] times = new String[n];
		String[] atTexts = new String[n];
		String[] usernames = new String[n];
		String[] actions = new String[n];
		String[] types = new String[n];
		String[] resources = new String[n];
		String[] patients = new String[n];
		String[] outcomes = new String[n];
		String[] details = new String[n];
		String[] previous = new String[n];
		String[] hashes = new String[n];
		for (int i = 0; i < n; i++) {
			Incoming in = entries.get(i);
			ShippedAuditEntry e = in.entry();
			seqs[i] = e.seq();
			times[i] = in.at().toString();
			atTexts[i] = e.at();
			usernames[i] = e.username();
			actions[i] = in.action().name();
			types[i] = e.resourceType();
			resources[i] = e.resourceId();
			patients[i] = e.patientId();
			outcomes[i] = in.outcome().name();
			details[i] = e.detail();
			previous[i] = e.previousHash();
			hashes[i] = e.hash();
		}
		jdbc.sql("""
				insert into audit_log (id, recorded_at, username, role, action, resource_type, resource_id, patient_id,
				                       outcome, address, detail)
				overriding system value
				select e.id, e.at, e.username, null, e.action, e.type, e.resource, e.patient, e.outcome, :node, e.detail
				from unnest(cast(:ids as bigint[]), cast(:times as timestamptz[]), cast(:usernames as varchar[]),
				            cast(:actions as varchar[]), cast(:types as varchar[]), cast(:resources as varchar[]),
				            cast(:patients as varchar[]), cast(:outcomes as varchar[]), cast(:details as varchar[]))
				     as e(id, at, username, action, type, resource, patient, outcome, detail)
				order by e.id""")
			.param("node", nodeId)
			.param("ids", auditIds)
			.param("times", times)
			.param("usernames", usernames)
			.param("actions", actions)
			.param("types", types)
			.param("resources", resources)
			.param("patients", patients)
			.param("outcomes", outcomes)
			.param("details", details)
			.update();
		jdbc.sql("""
				insert into audit_node_entry (node_id, seq, audit_id, at_text, previous_hash, hash)
				select :node, r.seq, r.audit_id, r.at_text, r.previous_hash, r.hash
				from unnest(cast(:seqs as bigint[]), cast(:ids as bigint[]), cast(:atTexts as varchar[]),
				            cast(:previous as varchar[]), cast(:hashes as varchar[]))
				     as r(seq, audit_id, at_text, previous_hash, hash)""")
			.param("node", nodeId)
			.param("seqs", seqs)
			.param("ids", auditIds)
			.param("atTexts", atTexts)
			.param("previous", previous)
			.param("hashes", hashes)
			.update();
	}

	/** Every shipped entry with its audit row, by node and position, streamed. */
	void walk(Consumer<Stored> visitor) {
		jdbc.sql("""
				select n.node_id, n.seq, n.audit_id, n.at_text, n.previous_hash, n.hash, a.*
				from audit_node_entry n left join audit_log a on a.id = n.audit_id
				order by n.node_id, n.seq""").query(rs -> {
			rs.getLong("id");
			AuditRecord row = rs.wasNull() ? null : AuditRepository.map(rs);
			visitor.accept(new Stored(rs.getString("node_id"), rs.getLong("seq"), rs.getLong("audit_id"),
					rs.getString("at_text"), rs.getString("previous_hash"), rs.getString("hash"), row));
		});
	}

}
