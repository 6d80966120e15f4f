package continuum.imaging;

import java.util.Collection;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed reports (final and amended) in bulk, for the initial load and the catch-up of
 * downtime nodes: keyset pages by id, and reports by id. A draft, a preliminary or a
 * withdrawn report is not listed. Each call checks the caller's access and is audited
 * once, as an export naming how many records it gave out.
 */
@Service
public class ImagingReportExportService {

	private final ReportRepository reports;

	private final AccessControl access;

	private final AuditService audit;

	ImagingReportExportService(ReportRepository reports, AccessControl access, AuditService audit) {
		this.reports = reports;
		this.access = access;
		this.audit = audit;
	}

	/** Up to {@code limit} signed reports with an id above {@code afterId}, by id. */
	@Transactional
	public List<ImagingReport> signedAfter(long afterId, int limit) {
		access.require(ImagingReportService.DIAGNOSTIC_REPORT, Interaction.SEARCH, null, null);
		return audited(reports.signedAfter(afterId, limit), "after id " + afterId);
	}

	/** The signed reports among these ids, by id. */
	@Transactional
	public List<ImagingReport> signed(Collection<Long> ids) {
		access.require(ImagingReportService.DIAGNOSTIC_REPORT, Interaction.READ, null, null);
		return audited(reports.signed(ids), "of " + ids.size() + " ids asked");
	}

	private List<ImagingReport> audited(List<ImagingReport> found, String which) {
		audit.record(new AuditEntry(AuditAction.EXPORT, ImagingReportService.DIAGNOSTIC_REPORT, null, null,
				AuditOutcome.SUCCESS, "downtime export: " + found.size() + " records " + which));
		return found;
	}

}
