package continuum.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./continuum audit verify [--checkpoint=FILE]...}: recomputes the chain (also
 * against the signed checkpoints in the files: JSON as a downtime node or the syslog
 * repository keeps them) and prints the outcome; exit code 0 when intact, 3 when any row
 * was changed, removed or reordered, 2 when a checkpoint file cannot be read. The run is
 * audited (user {@code system}).
 */
@Component
@ConditionalOnProperty(name = "continuum.command", havingValue = "audit-verify")
class AuditVerifyCommand implements ApplicationRunner, ExitCodeGenerator {

	static final int TAMPERED = 3;

	static final int BAD_ARGUMENT = 2;

	private final AuditService audit;

	private int exitCode;

	AuditVerifyCommand(AuditService audit) {
		this.audit = audit;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<AuditCheckpoint> checkpoints = new ArrayList<>();
		List<String> files = args.getOptionValues("checkpoint");
		for (String file : files == null ? List.<String>of() : files) {
			try {
				checkpoints.addAll(read(Path.of(file)));
			}
			catch (IOException | JacksonException ex) {
				System.out.println("The checkpoint file " + file + " cannot be read as a signed audit checkpoint"
						+ " (JSON: position, hash, at, keyedFrom, keyId, signature): " + ex.getClass().getSimpleName());
				exitCode = BAD_ARGUMENT;
				return;
			}
		}
		AuditVerification result = audit.verify(checkpoints);
		audit.recordAs(Actor.SYSTEM, new AuditEntry(AuditAction.READ, "AuditEvent", null, null, AuditOutcome.SUCCESS,
				AuditService.verificationDetail(result) + " (audit verify command)"));
		if (result.intact()) {
			System.out.println("Audit log intact: " + result.rowsChecked() + " rows verified"
					+ (result.anchoredPosition() == null ? " (no anchor outside the database yet)"
							: ", up to the anchor at position " + result.anchoredPosition())
					+ (result.checkpointPosition() == null ? "."
							: " and the signed checkpoint at position " + result.checkpointPosition() + "."));
			exitCode = 0;
		}
		else {
			System.out.println("AUDIT LOG TAMPERED: " + result.problems().size() + " problem(s) in "
					+ result.rowsChecked() + " rows:");
			result.problems().forEach(p -> System.out.println("  - " + p));
			exitCode = TAMPERED;
		}
	}

	/** One checkpoint (a JSON object) or several (an array). */
	static List<AuditCheckpoint> read(Path file) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		String text = Files.readString(file).strip();
		if (text.startsWith("[")) {
			return List.of(json.readValue(text, AuditCheckpoint[].class));
		}
		return List.of(json.readValue(text, AuditCheckpoint.class));
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
