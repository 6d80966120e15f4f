package continuum.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/audit/verify}: the chain check for auditors and admins, as JSON; an
 * optional body {@code {"checkpoints": [checkpoint...]}} adds signed checkpoints kept off
 * the machine.
 */
@RestController
class AuditController {

	private final AuditService audit;

	AuditController(AuditService audit) {
		this.audit = audit;
	}

	@PostMapping("/api/audit/verify")
	AuditVerification verify(@RequestBody(required = false) @Nullable VerifyRequest request) {
		List<AuditCheckpoint> checkpoints = request == null || request.checkpoints() == null ? List.of()
				: request.checkpoints();
		return audit.verifyForCaller(checkpoints);
	}

	/** The optional body of a verification. */
	record VerifyRequest(@Nullable List<AuditCheckpoint> checkpoints) {
	}

}
