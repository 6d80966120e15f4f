package continuum.audit;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/audit/verify}: the chain check for auditors and admins, as JSON. */
@RestController
class AuditController {

	private final AuditService audit;

	AuditController(AuditService audit) {
		this.audit = audit;
	}

	@PostMapping("/api/audit/verify")
	AuditVerification verify() {
		return audit.verifyForCaller();
	}

}
