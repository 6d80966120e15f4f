package continuum.downtime.audit;

import java.time.Clock;
import java.util.Optional;

import continuum.downtime.sync.ServerClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the signed checkpoints of the server's audit chain head
 * ({@code GET /api/downtime/audit/checkpoint}) off the server, in the node's store: every
 * {@code continuum.downtime.audit-checkpoint-interval} it asks for the newest and keeps
 * it when it reaches further than the newest kept. A checkpoint from the server that
 * stops before one kept means the server's newest audit rows are gone (deleted, or the
 * database restored from an older backup): the node says so in its log and keeps the
 * further one, which the server's {@code audit verify --checkpoint} then reports. The
 * node cannot check the signature (HMAC with the server's audit key); it only keeps and
 * gives back.
 */
@Component
public class CheckpointKeeper {

	private static final Logger log = LoggerFactory.getLogger(CheckpointKeeper.class);

	/** How many checkpoints are kept, newest first. */
	static final int KEPT = 100;

	private final JdbcClient db;

	private final ServerClient server;

	private final Clock clock;

	private @Nullable String lastWarning;

	CheckpointKeeper(JdbcClient db, ServerClient server, Clock clock) {
		this.db = db;
		this.server = server;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${continuum.downtime.audit-checkpoint-interval:60s}", initialDelay = 5000)
	void fetch() {
		JsonNode checkpoint;
		try {
			checkpoint = server.get("/api/downtime/audit/checkpoint");
		}
		catch (RuntimeException notNow) {
			return;
		}
		keep(checkpoint);
	}

	/**
	 * Keeps the checkpoint if it reaches further than any kept; answers whether it did.
	 */
	boolean keep(JsonNode checkpoint) {
		if (!checkpoint.has("position") || !checkpoint.has("signature")) {
			return false;
		}
		long position = checkpoint.get("position").asLong();
		long newest = db.sql("select coalesce(max(position), 0) from audit_checkpoint").query(Long.class).single();
		if (position < newest) {
			String warning = "The server's audit chain now ends at position " + position + ", before position " + newest
					+ " of a checkpoint this node keeps: its newest audit rows were removed, or its database"
					+ " was restored from an older backup (GET /audit/checkpoint gives the kept checkpoint to"
					+ " ./continuum audit verify --checkpoint=FILE)";
			if (!warning.equals(lastWarning)) {
				log.warn(warning);
				lastWarning = warning;
			}
			return false;
		}
		if (position == newest) {
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

	/** The newest checkpoint kept, as the server signed it (JSON). */
	public Optional<String> newest() {
		return db.sql("select checkpoint from audit_checkpoint order by position desc limit 1")
			.query(String.class)
			.optional();
	}

}
