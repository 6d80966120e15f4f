package continuum.downtime.audit;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import continuum.downtime.sync.ServerClient;
import continuum.downtime.sync.SyncException;
import continuum.downtime.sync.SyncProblem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the signed checkpoints of the server's audit chain head
 * ({@code GET /api/downtime/audit/checkpoint}) off the server, in the node's store: every
 * {@code continuum.downtime.audit-checkpoint-interval} it asks for the newest and keeps
 * it when it extends the newest kept. It extends it when it reaches further and the
 * server, asked for a checkpoint at the kept position ({@code ?position=}), answers the
 * same hash there. Otherwise the server's chain went back (fewer rows: its newest audit
 * rows deleted, or the database restored from an older backup) or was rewritten (another
 * hash at a position already checkpointed, or no link there any more): the node keeps
 * what it holds, never the newer one, and raises an alarm — on {@code /status}
 * ({@code auditCheckpointAlarm}), as a WARN in its log and as a FAILURE entry in its
 * audit log, once for each distinct finding; positions and hashes only, never patient
 * data. The kept checkpoint is the evidence the server's {@code audit verify
 * --checkpoint} then reports against. The node cannot check the signature (HMAC with the
 * server's audit key); it only compares, keeps and gives back.
 */
@Component
public class CheckpointKeeper {

	private static final Logger log = LoggerFactory.getLogger(CheckpointKeeper.class);

	/** How many checkpoints are kept, newest first. */
	static final int KEPT = 100;

	/** The node's own name in its audit log, for what it finds by itself. */
	static final String NODE_USER = "downtime-node";

	private final JdbcClient db;

	/** A GET of the downtime API: {@link ServerClient#get}. */
	private final Function<String, JsonNode> server;

	private final NodeAudit audit;

	private final Clock clock;

	private volatile @Nullable String alarm;

	@Autowired
	CheckpointKeeper(JdbcClient db, ServerClient server, NodeAudit audit, Clock clock) {
		this(db, server::get, audit, clock);
	}

	CheckpointKeeper(JdbcClient db, Function<String, JsonNode> server, NodeAudit audit, Clock clock) {
		this.db = db;
		this.server = server;
		this.audit = audit;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${continuum.downtime.audit-checkpoint-interval:60s}", initialDelay = 5000)
	void fetch() {
		JsonNode checkpoint;
		try {
			checkpoint = server.apply("/api/downtime/audit/checkpoint");
			keep(checkpoint);
		}
		catch (RuntimeException notNow) {
			// The server or the store not answering now: the next round asks again.
		}
	}

	/** A checkpoint kept: its position and the chain's hash there. */
	record Kept(long position, String hash) {
	}

	/**
	 * Keeps the checkpoint if it extends the newest kept; answers whether it did. A
	 * checkpoint that does not raises the alarm.
	 */
	boolean keep(JsonNode checkpoint) {
		if (!checkpoint.has("position") || !checkpoint.has("signature")) {
			return false;
		}
		long position = checkpoint.get("position").asLong();
		String hash = checkpoint.path("hash").asString("");
		Kept newest = newestKept().orElse(null);
		if (newest != null && position < newest.position()) {
			raise("The server's audit chain now ends at position " + position + ", before position " + newest.position()
					+ " of a checkpoint this node keeps: its newest audit rows were removed, or"
					+ " its database was restored from an older backup");
			return false;
		}
		if (newest != null && position == newest.position()) {
			if (!hash.equals(newest.hash())) {
				raise(rewritten(newest.position()));
			}
			return false;
		}
		if (newest != null && !stillHeld(newest)) {
			return false;
		}
		db.sql("insert into audit_checkpoint (position, checkpoint, received_at) values (?, ?, ?)")
			.params(position, checkpoint.toString(), clock.instant().toString())
			.update();
		db.sql("delete from audit_checkpoint where position < (select min(position) from (select position from"
				+ " audit_checkpoint order by position desc limit " + KEPT + ") k)")
			.update();
		return true;
	}

	/**
	 * Whether the server's chain still holds the kept checkpoint's link, asked of the
	 * server; a server that does not answer for a position (an older one answers its
	 * head) cannot tell, and the newer checkpoint is kept as before.
	 */
	private boolean stillHeld(Kept kept) {
		JsonNode there;
		try {
			there = server.apply("/api/downtime/audit/checkpoint?position=" + kept.position());
		}
		catch (SyncException answered) {
			if (answered.problem() != SyncProblem.NOT_A_CONTINUUM_SERVER) {
				throw answered;
			}
			raise("The server's audit chain holds no link at position " + kept.position()
					+ " of a checkpoint this node keeps: its audit rows were removed or the chain rewritten");
			return false;
		}
		if (there.path("position").asLong(-1) != kept.position()) {
			return true;
		}
		if (!there.path("hash").asString("").equals(kept.hash())) {
			raise(rewritten(kept.position()));
			return false;
		}
		return true;
	}

	private static String rewritten(long position) {
		return "The server's audit chain holds another hash at position " + position
				+ " than the checkpoint this node keeps: its audit rows were changed and the chain recomputed";
	}

	/** Raises the alarm: status, log and audit, once for each distinct finding. */
	private synchronized void raise(String finding) {
		if (finding.equals(alarm)) {
			return;
		}
		alarm = finding;
		log.warn("Audit checkpoint alarm: {}. The checkpoint kept stays (GET /audit/checkpoint gives it to"
				+ " ./continuum audit verify --checkpoint=FILE)", finding);
		audit.record(NODE_USER, NodeAudit.Action.READ, "AuditCheckpoint", null, null, NodeAudit.Outcome.FAILURE,
				finding);
	}

	/** The alarm raised since this node started, if any. */
	public Optional<String> alarm() {
		return Optional.ofNullable(alarm);
	}

	private Optional<Kept> newestKept() {
		return newest().map(json -> {
			JsonNode kept = tools.jackson.databind.json.JsonMapper.shared().readTree(json);
			return new Kept(kept.path("position").asLong(), kept.path("hash").asString(""));
		});
	}

	/** The newest checkpoint kept, as the server signed it (JSON). */
	public Optional<String> newest() {
		return db.sql("select checkpoint from audit_checkpoint order by position desc limit 1")
			.query(String.class)
			.optional();
	}

}
