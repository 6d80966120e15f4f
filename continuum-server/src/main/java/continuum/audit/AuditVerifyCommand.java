package continuum.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./continuum audit verify}: recomputes the chain and prints the outcome; exit
 * code 0 when intact, 3 when any row was changed, removed or reordered.
 */
@Component
@ConditionalOnProperty(name = "continuum.command", havingValue = "audit-verify")
class AuditVerifyCommand implements ApplicationRunner, ExitCodeGenerator {

	static final int TAMPERED = 3;

	private final AuditService audit;

	private int exitCode;

	AuditVerifyCommand(AuditService audit) {
		this.audit = audit;
	}

	@Override
	public void run(ApplicationArguments args) {
		AuditVerification result = audit.verify();
		if (result.intact()) {
			System.out.println("Audit log intact: " + result.rowsChecked() + " rows verified"
					+ (result.anchoredPosition() == null ? " (no anchor outside the database yet)."
							: ", up to the anchor at position " + result.anchoredPosition() + "."));
			exitCode = 0;
		}
		else {
			System.out.println("AUDIT LOG TAMPERED: " + result.problems().size() + " problem(s) in "
					+ result.rowsChecked() + " rows:");
			result.problems().forEach(p -> System.out.println("  - " + p));
			exitCode = TAMPERED;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
