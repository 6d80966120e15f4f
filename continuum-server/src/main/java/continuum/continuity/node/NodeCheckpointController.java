package continuum.continuity.node;

import continuum.audit.AuditAction;
import continuum.audit.AuditCheckpoint;
import continuum.audit.AuditService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/downtime/audit/checkpoint}: a checkpoint of the server's audit chain
 * head, signed with the audit key, for a downtime node to keep off the server
 * ({@link AuditCheckpoint}); 204 while the chain is empty. System accounts only. Not
 * audited: it carries no patient data, and every node asks every minute.
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
	ResponseEntity<AuditCheckpoint> checkpoint() {
		system.require(AuditAction.READ, "AuditCheckpoint");
		return audit.checkpoint().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
	}

}
