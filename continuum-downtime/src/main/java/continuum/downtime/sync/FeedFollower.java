package continuum.downtime.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.downtime.DowntimeSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the store in step with the server (protocol v1). An empty store is loaded from
 * the snapshot of every type, remembering the feed head read first; then the feed is
 * followed from the stored position. Each feed batch (its records and the new position,
 * and one {@code applied_change} row per position) commits in one transaction, so a crash
 * shows either the whole batch or none of it, and the next attempt starts where the last
 * commit left off: no gap, and a position is never applied twice.
 */
@Component
class FeedFollower {

	private static final Logger log = LoggerFactory.getLogger(FeedFollower.class);

	/**
	 * Ids per records request: the protocol's most, and a URL well under the server's 8
	 * KB.
	 */
	static final int RECORDS_PER_REQUEST = 500;

	static final int BATCHES_PER_ROUND = 50;

	private final ServerClient server;

	private final RecordWriter writer;

	private final SyncStateRepository states;

	private final SyncStatus status;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batch;

	private final java.nio.file.Path storeFile;

	FeedFollower(ServerClient server, RecordWriter writer, SyncStateRepository states, SyncStatus status,
			TransactionTemplate transactions, Clock clock, DowntimeSettings settings) {
		this.server = server;
		this.writer = writer;
		this.states = states;
		this.status = status;
		this.transactions = transactions;
		this.clock = clock;
		this.batch = settings.sync().batch();
		this.storeFile = settings.data().dir().toAbsolutePath().normalize().resolve("store.mv.db");
		status.stored(states.load());
	}

	@Scheduled(fixedDelayString = "${continuum.downtime.sync.interval:2s}", initialDelay = 0)
	void sync() {
		status.attempted();
		try {
			if (!status.stored().loaded()) {
				loadEverything();
			}
			else if (!accountsChecked) {
				reloadAccountsWithoutDemoFlag();
			}
			accountsChecked = true;
			followFeed();
			status.succeeded();
		}
		catch (SyncException failed) {
			if (status.problem() != failed.problem()) {
				log.warn("Sync failed [{}]: {}", failed.problem(), failed.getMessage());
			}
			status.failed(failed.problem(), failed.getMessage());
		}
		catch (DataAccessException | TransactionException storeRefused) {
			String message = "The store " + storeFile + " refused a write (" + rootCause(storeRefused)
					+ "); nothing of the batch was applied, sync resumes when the store accepts writes again";
			if (status.problem() != SyncProblem.STORE_WRITE_FAILED) {
				log.error("Sync stopped [{}]: {}", SyncProblem.STORE_WRITE_FAILED, message);
			}
			status.failed(SyncProblem.STORE_WRITE_FAILED, message);
		}
		finally {
			reloadState();
		}
	}

	/**
	 * Takes the stored state for the status; a store that cannot even be read keeps the
	 * last state known, and the problem above says why.
	 */
	private void reloadState() {
		try {
			status.stored(states.load());
		}
		catch (DataAccessException unreadable) {
			log.debug("Sync state not read back: {}", rootCause(unreadable));
		}
	}

	/**
	 * Staff accounts loaded before the store kept the demo flag are loaded again, once
	 * per start, so that a node beside a demo server learns which accounts share its
	 * password without waiting for each account to change.
	 */
	private void reloadAccountsWithoutDemoFlag() {
		if (writer.anyWithout(STAFF_ACCOUNT, "demo")) {
			log.info("Staff accounts loaded again: {} records", loadType(STAFF_ACCOUNT));
		}
	}

	private static final String STAFF_ACCOUNT = "StaffAccount";

	/** Whether this start has checked the staff accounts' demo flag. */
	private volatile boolean accountsChecked;

	private void loadEverything() {
		Instant asked = clock.instant();
		JsonNode manifest = server.get("/api/downtime/manifest");
		if (manifest.path("protocol").asInt(0) != 1 || !manifest.has("feedHead")) {
			throw new SyncException(SyncProblem.NOT_A_CONTINUUM_SERVER,
					server.serverAddress() + " does not speak downtime protocol 1");
		}
		long head = manifest.path("feedHead").asLong();
		transactions.executeWithoutResult(tx -> {
			writer.clearAll();
			states.startLoad();
		});
		int records = 0;
		for (JsonNode type : manifest.path("types")) {
			if (writer.handles(type.asString())) {
				records += loadType(type.asString());
			}
		}
		transactions.executeWithoutResult(tx -> states.finishLoad(head, asked));
		status.stored(states.load());
		log.info("Initial load done: {} records, following the feed from position {}", records, head);
	}

	private int loadType(String type) {
		String cursor = null;
		int count = 0;
		do {
			JsonNode page = server
				.get("/api/downtime/snapshot?type=" + type + "&limit=" + RECORDS_PER_REQUEST + (cursor == null ? ""
						: "&after=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)));
			List<SyncRecord> records = new ArrayList<>();
			for (JsonNode record : page.path("records")) {
				records.add(SyncRecord.of(record));
			}
			transactions.executeWithoutResult(tx -> records.forEach(writer::apply));
			count += records.size();
			cursor = Json.text(page, "next");
		}
		while (cursor != null);
		return count;
	}

	private void followFeed() {
		for (int round = 0; round < BATCHES_PER_ROUND; round++) {
			long position = states.load().feedPosition();
			Instant asked = clock.instant();
			JsonNode page = server.get("/api/changes?after=" + position + "&limit=" + batch);
			List<JsonNode> changes = new ArrayList<>();
			page.path("changes").forEach(changes::add);
			Long head = Json.number(page, "head");
			long expected = position;
			for (JsonNode change : changes) {
				expected++;
				if (change.path("seq").asLong() != expected) {
					throw new SyncException(SyncProblem.FEED_GAP, "The feed answered position "
							+ change.path("seq").asLong() + " where " + expected + " was due; nothing applied");
				}
			}
			boolean caughtUp = head != null ? expected >= head : changes.size() < batch;
			Map<String, SyncRecord> records = fetchRecords(changes);
			long last = expected;
			Instant newest = newest(changes);
			transactions.executeWithoutResult(tx -> {
				records.values().forEach(writer::apply);
				for (JsonNode change : changes) {
					states.applied(change.path("seq").asLong(), change.path("resourceType").asString(),
							change.path("resourceId").asString(), change.path("operation").asString());
				}
				states.advance(position, last, newest, caughtUp ? asked : null);
			});
			status.stored(states.load());
			if (caughtUp || changes.isEmpty()) {
				return;
			}
		}
	}

	/**
	 * The current state of every resource the changes name, fetched per type in batches.
	 */
	private Map<String, SyncRecord> fetchRecords(List<JsonNode> changes) {
		Map<String, Set<String>> idsByType = new LinkedHashMap<>();
		for (JsonNode change : changes) {
			String type = change.path("resourceType").asString();
			if (writer.handles(type)) {
				idsByType.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(change.path("resourceId").asString());
			}
		}
		Map<String, SyncRecord> records = new LinkedHashMap<>();
		idsByType.forEach((type, ids) -> {
			List<String> all = new ArrayList<>(ids);
			for (int from = 0; from < all.size(); from += RECORDS_PER_REQUEST) {
				List<String> chunk = all.subList(from, Math.min(all.size(), from + RECORDS_PER_REQUEST));
				JsonNode answer = server
					.get("/api/downtime/records?type=" + type + "&ids="
							+ String.join(",", chunk.stream()
								.map(id -> java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8))
								.toList()));
				for (JsonNode node : answer.path("records")) {
					SyncRecord record = SyncRecord.of(node);
					records.put(type + "/" + record.id(), record);
				}
			}
		});
		return records;
	}

	private static @Nullable Instant newest(List<JsonNode> changes) {
		Instant newest = null;
		for (JsonNode change : changes) {
			String at = Json.text(change, "changedAt");
			if (at != null) {
				Instant instant = Instant.parse(at);
				newest = newest == null || instant.isAfter(newest) ? instant : newest;
			}
		}
		return newest;
	}

	/**
	 * The innermost cause: an input/output error with the operating system's words ("No
	 * space left on device"), anything else by its class name only, since a database
	 * message may quote a statement.
	 */
	private static String rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause instanceof java.io.IOException && cause.getMessage() != null ? cause.getMessage()
				: cause.getClass().getSimpleName();
	}

}
