package continuum.privacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditQuery;
import continuum.audit.AuditRecord;
import continuum.audit.AuditService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.CurrentUser;
import continuum.security.PatientAccess;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient's "who looked at my record" report, made on request by a privacy officer
 * from the audit log (through the audit module's own search, which audits each page it
 * reads). The report is audited as an export of the patient's {@code AccessReport}.
 */
@Service
public class AccessReportService {

	static final String TYPE = "AccessReport";

	/** The most rows a report holds; a longer history is cut (and says so). */
	static final int LIMIT = 20_000;

	private static final int PAGE = 1000;

	private final AuditService audit;

	private final PatientService patients;

	private final PrivacyReviewService reviews;

	private final CurrentUser currentUser;

	private final Clock clock;

	AccessReportService(AuditService audit, PatientService patients, PrivacyReviewService reviews,
			CurrentUser currentUser, Clock clock) {
		this.audit = audit;
		this.patients = patients;
		this.reviews = reviews;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/** The patient holding this MRN, for the report's form (ids only, not audited). */
	public Optional<PatientId> patientOfMrn(String mrn) {
		return patients.idOfMrn(mrn);
	}

	@Transactional
	public AccessReport report(PatientId patient, String mrn) {
		String id = patient.asString();
		if (!reviews.mayReview()) {
			audit.recordDenial(AuditEntry.denied(AuditAction.EXPORT, TYPE, null, id, "only privacy officers"));
			throw new AccessDeniedException("Only privacy officers make access reports");
		}
		List<AccessReport.Line> lines = new ArrayList<>();
		boolean complete = true;
		for (int offset = 0;; offset += PAGE) {
			List<AuditRecord> page = audit.find(new AuditQuery(id, null, null, null, PAGE, offset));
			page.forEach(row -> lines.add(line(row)));
			if (page.size() < PAGE) {
				break;
			}
			if (lines.size() >= LIMIT) {
				complete = false;
				break;
			}
		}
		lines.sort(Comparator.comparing(AccessReport.Line::at));
		audit.record(new AuditEntry(AuditAction.EXPORT, TYPE, null, id, AuditOutcome.SUCCESS,
				lines.size() + " accesses" + (complete ? "" : " (cut)")));
		return new AccessReport(patient, mrn, clock.instant(), currentUser.get().username(), lines, complete);
	}

	private static AccessReport.Line line(AuditRecord row) {
		String detail = row.detail() == null ? "" : row.detail();
		boolean emergency = detail.startsWith(PatientAccess.EMERGENCY_MARK)
				|| BreakGlassService.TYPE.equals(row.resourceType()) && row.action() == AuditAction.CREATE;
		String purpose = emergency ? "emergency access (break-the-glass)" : row.outcome() == AuditOutcome.DENIED
				? "refused"
				: "AuditEvent".equals(row.resourceType()) || TYPE.equals(row.resourceType()) ? "audit review" : "care";
		return new AccessReport.Line(row.recordedAt(), row.username(), row.role(), row.action().name(),
				row.resourceType(), row.resourceId(), row.outcome().name(), purpose, emergency);
	}

}
