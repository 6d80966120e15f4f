package continuum.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The hash chain over the audit log: its links ({@code audit_chain}) and the rows waiting
 * to be linked ({@code audit_pending}). Written by {@link AuditChainer}, read by
 * {@link AuditVerifier}.
 */
@Repository
class AuditChainRepository {

	/** The advisory lock that one chainer at a time holds ("AUDIT"). */
	static final long LOCK_KEY = 0x4155444954L;

	/**
	 * Takes the first {@code :batch} committed entries off the queue and reads their
	 * rows. Only committed entries are visible: a row whose writer is still at work waits
	 * for a later round, and holds nothing else back. The visible entries up to the
	 * batch's last are exactly the batch (one snapshot for the statement). Every plan of
	 * it is linear in the queue and reads only the batch's rows of the log: the queue's
	 * statistics are always stale, and a join the planner was free to choose became a
	 * merge join that walked the whole audit log from its first row on every round.
	 */
	static final String TAKE_BATCH = """
			with taken as (
			  delete from audit_pending
			  where audit_id <= (select max(audit_id)
			                     from (select audit_id from audit_pending order by audit_id limit :batch) b)
			  returning audit_id)
			select a.* from audit_log a where a.id = any(array(select audit_id from taken)) order by a.id""";

	/**
	 * A link of the chain as stored, with the row it links ({@code row} null when the row
	 * is gone).
	 */
	record StoredLink(long position, long auditId, byte[] previousHash, byte[] hash, @Nullable AuditRecord row) {
	}

	private final JdbcClient jdbc;

	AuditChainRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Holds the chainer's lock until the end of the caller's transaction. */
	void lock() {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleValue();
	}

	/** See {@link #TAKE_BATCH}. */
	List<AuditRecord> takeBatch(int batch) {
		return jdbc.sql(TAKE_BATCH).param("batch", batch).query((rs, n) -> AuditRepository.map(rs)).list();
	}

	/** The newest link, if any. */
	Optional<AuditAnchor.Link> head() {
		return jdbc.sql("select seq, hash from audit_chain order by seq desc limit 1")
			.query((rs, n) -> new AuditAnchor.Link(rs.getLong(1), rs.getBytes(2)))
			.optional();
	}

	/**
	 * Appends links, position by position, in one statement: the chainer must keep up
	 * with every audited read of every node.
	 */
	void append(Long[] positions, Long[] auditIds, byte[][] previousHashes, byte[][] hashes) {
		jdbc.sql("""
				insert into audit_chain (seq, audit_id, prev_hash, hash)
				select * from unnest(cast(:seqs as bigint[]), cast(:ids as bigint[]), cast(:prevs as bytea[]),
				                     cast(:hashes as bytea[]))""")
			.param("seqs", positions)
			.param("ids", auditIds)
			.param("prevs", previousHashes)
			.param("hashes", hashes)
			.update();
	}

	/** The hash stored at the position, if the chain reaches it. */
	Optional<byte[]> hashAt(long position) {
		return jdbc.sql("select hash from audit_chain where seq = :seq")
			.param("seq", position)
			.query(byte[].class)
			.optional();
	}

	/** Every link in order, streamed. */
	void walk(Consumer<StoredLink> visitor) {
		jdbc.sql("""
				select c.seq, c.audit_id, c.prev_hash, c.hash, a.*
				from audit_chain c left join audit_log a on a.id = c.audit_id
				order by c.seq""").query(rs -> {
			visitor.accept(link(rs));
		});
	}

	/**
	 * Up to {@code limit} links after {@code position}, in order, with their rows (the
	 * ATNA export's next batch).
	 */
	List<StoredLink> after(long position, int limit) {
		return jdbc.sql("""
				select c.seq, c.audit_id, c.prev_hash, c.hash, a.*
				from audit_chain c left join audit_log a on a.id = c.audit_id
				where c.seq > :after order by c.seq limit :limit""")
			.param("after", position)
			.param("limit", limit)
			.query((rs, n) -> link(rs))
			.list();
	}

	private static StoredLink link(ResultSet rs) throws SQLException {
		long seq = rs.getLong("seq");
		long id = rs.getLong("audit_id");
		byte[] previous = rs.getBytes("prev_hash");
		byte[] hash = rs.getBytes("hash");
		rs.getLong("id");
		AuditRecord row = rs.wasNull() ? null : AuditRepository.map(rs);
		return new StoredLink(seq, id, previous, hash, row);
	}

	/**
	 * Where the chain switched to the keyed hash, and with which key; empty before the
	 * first keyed round, and in a copy of a database from before the key existed (no
	 * table).
	 */
	Optional<Keying> keying() {
		Boolean exists = jdbc.sql("select to_regclass('audit_chain_key') is not null").query(Boolean.class).single();
		if (!Boolean.TRUE.equals(exists)) {
			return Optional.empty();
		}
		return jdbc.sql("select keyed_from, key_id from audit_chain_key")
			.query((rs, n) -> new Keying(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	/** Records the switch to the keyed hash; once, in the chainer's transaction. */
	void recordKeying(Keying keying) {
		jdbc.sql("insert into audit_chain_key (keyed_from, key_id) values (:from, :id)")
			.param("from", keying.keyedFrom())
			.param("id", keying.keyId())
			.update();
	}

	/** The first keyed position of the chain and the id of its key. */
	record Keying(long keyedFrom, String keyId) {
	}

	/**
	 * Rows of the log neither linked nor waiting to be (a row written through the
	 * application is one or the other), by id, at most {@code limit}.
	 */
	List<Long> unlinked(int limit) {
		return jdbc.sql("""
				select a.id from audit_log a
				where not exists (select 1 from audit_chain c where c.audit_id = a.id)
				  and not exists (select 1 from audit_pending p where p.audit_id = a.id)
				order by a.id limit :limit""").param("limit", limit).query(Long.class).list();
	}

}
