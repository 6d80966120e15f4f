package continuum.continuity.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.changes.Change;
import continuum.changes.ChangeFeed;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/changes?after=N&limit=M}: the change feed for system clients (downtime
 * nodes, interfaces). The answer says where to continue ({@code next}) and how far the
 * feed reaches ({@code head}); every read is audited. A position or limit the protocol
 * does not allow is a 400, never silently moved into range.
 */
@RestController
class ChangeFeedController {

	/** The most changes one answer carries. */
	static final int MAXIMUM_LIMIT = 5000;

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
	Map<String, Object> changes(@RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String limit) {
		access.require("ChangeFeed", Interaction.READ, null, null);
		long position = QueryParameters.position("after", after, 0);
		int count = QueryParameters.limit(limit, 1000, MAXIMUM_LIMIT);
		List<Change> changes = feed.readAfter(position, count);
		long next = changes.isEmpty() ? position : changes.get(changes.size() - 1).seq();
		// Read after the changes: the head only grows, so it is never behind next.
		long head = feed.head();
		audit.record(new AuditEntry(AuditAction.READ, "ChangeFeed", null, null, AuditOutcome.SUCCESS,
				"after " + position + ", " + changes.size() + " changes"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("after", position);
		body.put("next", next);
		body.put("head", head);
		body.put("changes", changes);
		return body;
	}

}
