package continuum.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.platform.DatabaseFailure;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The FHIR answer to a request that met a {@link DatabaseFailure}: 503 with
 * {@code Retry-After}, an OperationOutcome whose issue type says which failure it was
 * ({@code no-store}: nothing saved; {@code transient}: the write's outcome is unknown),
 * and for a write the {@code Continuum-Write-Outcome} header.
 */
class DatabaseFailureException extends BaseServerResponseException {

	DatabaseFailureException(DatabaseFailure failure, boolean write) {
		super(503, failure.message(write), outcome(failure, write));
		addResponseHeader("Retry-After", Integer.toString(DatabaseFailure.RETRY_AFTER_SECONDS));
		if (write) {
			addResponseHeader(DatabaseFailure.WRITE_OUTCOME_HEADER, failure.writeOutcome());
		}
	}

	private static OperationOutcome outcome(DatabaseFailure failure, boolean write) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
			.setSeverity(IssueSeverity.ERROR)
			.setCode(IssueType.fromCode(failure.fhirIssueCode()))
			.setDiagnostics(failure.message(write));
		return outcome;
	}

}
