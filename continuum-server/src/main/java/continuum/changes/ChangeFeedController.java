package continuum.changes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/changes?after=N&limit=M}: the change feed for system clients (downtime
 * nodes, interfaces). The answer says where to continue ({@code next}); every read is
 * audited.
 */
@RestController
class ChangeFeedController {

	private final ChangeFeed feed;

	private final AccessControl access;

	private final AuditService audit;

	ChangeFeedController(ChangeFeed feed, AccessControl access, AuditService audit) {
		this.feed = feed;
		this.access = access;
		this.audit = audit;
	}

	@GetMapping("/api/changes")
	@Transactional
	Map<String, Object> changes(@RequestParam(defaultValue = "0") long after,
			@RequestParam(defaultValue = "1000") int limit) {
		access.require("ChangeFeed", Interaction.READ, null, null);
		List<Change> changes = feed.readAfter(Math.max(0, after), limit);
		long next = changes.isEmpty() ? Math.max(0, after) : changes.get(changes.size() - 1).seq();
		audit.record(new AuditEntry(AuditAction.READ, "ChangeFeed", null, null, continuum.audit.AuditOutcome.SUCCESS,
				"after " + after + ", " + changes.size() + " changes"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("after", after);
		body.put("next", next);
		body.put("changes", changes);
		return body;
	}

}
