package continuum.continuity.node;

import continuum.audit.AuditAction;
import continuum.audit.AuditCheckpoint;
import continuum.audit.AuditService;
import continuum.platform.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/downtime/audit/checkpoint}: a checkpoint of the server's audit chain
 * head, signed with the audit key, for a downtime node to keep off the server
 * ({@link AuditCheckpoint}); 204 while the chain is empty. With {@code position}, a
 * checkpoint of the link at that position (404 when the chain holds none there): a node
 * asks for the position of the newest checkpoint it keeps, to see that the chain still
 * extends it. System accounts only. Not audited: it carries no patient data, and every
 * node asks every minute.
 */
@RestController
class NodeCheckpointController {

	private final AuditService audit;

	private final SystemCaller system;

	NodeCheckpointController(AuditService audit, SystemCaller system) {
		this.audit = audit;
		this.system = system;
	}

	@GetMapping("/api/downtime/audit/checkpoint")
	ResponseEntity<AuditCheckpoint> checkpoint(@RequestParam(required = false) @Nullable String position) {
		system.require(AuditAction.READ, "AuditCheckpoint");
		if (position == null) {
			return audit.checkpoint().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
		}
		long at = QueryParameters.position("position", position, 0);
		return audit.checkpointAt(at)
			.map(ResponseEntity::ok)
			.orElseThrow(() -> new NotFoundException("The audit chain holds no keyed link at position " + at));
	}

}
