package continuum.continuity.node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The initial load of a downtime node (docs/downtime-protocol.md): the manifest (the feed
 * position to follow from, the types to load), snapshots of each type in keyset pages,
 * and records by id for the changes the feed names. System accounts only; each module
 * audits the reads of its patient data, once per request.
 */
@RestController
class DowntimeExportController {

	static final int PROTOCOL = 1;

	static final int MAXIMUM_SNAPSHOT = 1000;

	static final int MAXIMUM_IDS = 500;

	private final RecordSources sources;

	private final SystemCaller system;

	private final ChangeFeed feed;

	private final AuditService audit;

	private final Clock clock;

	DowntimeExportController(RecordSources sources, SystemCaller system, ChangeFeed feed, AuditService audit,
			Clock clock) {
		this.sources = sources;
		this.system = system;
		this.feed = feed;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/api/downtime/manifest")
	@Transactional
	Map<String, Object> manifest() {
		system.require(AuditAction.READ, "DowntimeManifest");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("protocol", PROTOCOL);
		body.put("feedHead", feed.head());
		body.put("serverTime", clock.instant().toString());
		body.put("types", sources.types());
		audit.record(new AuditEntry(AuditAction.READ, "DowntimeManifest", null, null, AuditOutcome.SUCCESS, null));
		return body;
	}

	@GetMapping("/api/downtime/snapshot")
	Map<String, Object> snapshot(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String limit) {
		system.require(AuditAction.EXPORT, "DowntimeSnapshot");
		RecordSource source = sources.of(type);
		RecordSource.Page page = source.snapshot(after, QueryParameters.limit(limit, 500, MAXIMUM_SNAPSHOT));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", source.type());
		body.put("records", page.records());
		body.put("next", page.next());
		return body;
	}

	@GetMapping("/api/downtime/records")
	Map<String, Object> records(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String ids) {
		system.require(AuditAction.EXPORT, "DowntimeRecords");
		RecordSource source = sources.of(type);
		List<String> asked = ids(ids);
		Map<String, DowntimeRecord> found = source.find(asked);
		List<DowntimeRecord> records = new ArrayList<>(asked.size());
		for (String id : asked) {
			DowntimeRecord record = found.get(id);
			records.add(record != null ? record : DowntimeRecord.deleted(source.type(), id));
		}
		return Map.of("records", records);
	}

	private static List<String> ids(@Nullable String ids) {
		List<String> asked = ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",", -1));
		if (asked.isEmpty() || asked.size() > MAXIMUM_IDS) {
			throw new BadParameterException("'ids' must list 1 to " + MAXIMUM_IDS + " ids, separated by commas");
		}
		return asked;
	}

}
