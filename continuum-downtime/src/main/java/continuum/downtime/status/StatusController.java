package continuum.downtime.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import continuum.downtime.DowntimeSettings;
import continuum.downtime.audit.CheckpointKeeper;
import continuum.downtime.audit.NodeAudit;
import continuum.downtime.store.NodeIdentity;
import continuum.downtime.sync.SyncState;
import continuum.downtime.sync.SyncStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /status} (downtime protocol v1): how current the node is, whether it reaches
 * the server, the store's size, and the alarm raised when the server's audit chain no
 * longer extends the checkpoint the node keeps. Open without sign-in; it names no
 * patient.
 */
@RestController
class StatusController {

	private final SyncStatus sync;

	private final NodeIdentity node;

	private final Path store;

	private final NodeAudit audit;

	private final CheckpointKeeper checkpoints;

	StatusController(SyncStatus sync, NodeIdentity node, DowntimeSettings settings, NodeAudit audit,
			CheckpointKeeper checkpoints) {
		this.sync = sync;
		this.audit = audit;
		this.checkpoints = checkpoints;
		this.node = node;
		this.store = settings.data().dir().resolve("store.mv.db");
	}

	@GetMapping("/status")
	Map<String, @Nullable Object> status() {
		SyncState state = sync.stored();
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("nodeId", node.id());
		body.put("asOf", state.newestChange());
		body.put("currentThrough", state.currentThrough());
		body.put("lagSeconds", sync.lagSeconds());
		body.put("lastSyncAttempt", sync.lastAttempt());
		body.put("lastSyncSuccess", sync.lastSuccess());
		body.put("serverReachable", sync.serverReachable());
		body.put("lostServerSince", sync.lostServerSince());
		body.put("feedPosition", state.feedPosition());
		body.put("loaded", state.loaded());
		body.put("storeBytes", storeBytes());
		body.put("auditEntriesNotShipped", auditEntriesNotShipped());
		body.put("problem", sync.problem());
		body.put("problemMessage", sync.problemMessage());
		body.put("auditCheckpointAlarm", checkpoints.alarm().orElse(null));
		return body;
	}

	/**
	 * None when the store cannot be read at this moment: the status still answers, and
	 * its problem says why.
	 */
	private @Nullable Long auditEntriesNotShipped() {
		try {
			return audit.notShipped();
		}
		catch (org.springframework.dao.DataAccessException unreadable) {
			return null;
		}
	}

	private long storeBytes() {
		try {
			return Files.size(store);
		}
		catch (java.io.IOException gone) {
			return 0;
		}
	}

}
