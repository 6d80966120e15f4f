package continuum.imaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Radiology reports, one per requested procedure: written by a radiologist as a draft,
 * saved as a preliminary reading, signed final, amended after signing (every version
 * kept), or marked entered in error. Writes check the expected version (a concurrent edit
 * is a 409). Only roles that may write reports (radiologists) see drafts and withdrawn
 * reports; every other reader sees preliminary, final and amended ones. Signed reports,
 * and a signed report withdrawn, enter the change feed as
 * {@code DiagnosticReport/img-<n>}. Every read and write is audited.
 */
@Service
public class ImagingReportService {

	/** The resource type reports are checked, audited and fed as. */
	public static final String DIAGNOSTIC_REPORT = "DiagnosticReport";

	static final int MAX_FINDINGS = 20_000;

	static final int MAX_IMPRESSION = 4_000;

	private final ReportRepository reports;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final CurrentUser currentUser;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ImagingReportService(ReportRepository reports, AccessControl access, AuditService audit, ChangeFeed changes,
			CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
		this.reports = reports;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.currentUser = currentUser;
		this.events = events;
		this.clock = clock;
	}

	/** The text a radiologist writes: findings and the impression (the conclusion). */
	public record ReportText(String findings, String impression) {

		public ReportText {
			findings = findings == null ? "" : findings.strip();
			impression = impression == null ? "" : impression.strip();
			if (findings.length() > MAX_FINDINGS) {
				throw new InvalidInputException("Findings are at most " + MAX_FINDINGS + " characters");
			}
			if (impression.length() > MAX_IMPRESSION) {
				throw new InvalidInputException("The impression is at most " + MAX_IMPRESSION + " characters");
			}
		}

	}

	/** Whether the caller writes reports (and so sees drafts). */
	public boolean writesReports() {
		return access.allows(DIAGNOSTIC_REPORT, Interaction.UPDATE);
	}

	/** The report, if the caller may see it; audited as a read. */
	@Transactional
	public ImagingReport get(ImagingReportId id) {
		ImagingReport report = visible(reports.find(id)).orElseThrow(() -> notFound(id));
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, id.asString(), report.patient().asString());
		audit.record(
				AuditEntry.success(AuditAction.READ, DIAGNOSTIC_REPORT, id.asString(), report.patient().asString()));
		return report;
	}

	/** The procedure's report, if it has one the caller may see; audited as a read. */
	@Transactional
	public Optional<ImagingReport> ofProcedure(long requestedProcedure) {
		Optional<ImagingReport> report = visible(reports.ofProcedure(requestedProcedure));
		report.ifPresent(r -> {
			access.require(DIAGNOSTIC_REPORT, Interaction.READ, r.id().asString(), r.patient().asString());
			audit.record(
					AuditEntry.success(AuditAction.READ, DIAGNOSTIC_REPORT, r.id().asString(), r.patient().asString()));
		});
		return report;
	}

	/**
	 * The requested procedure a report is (to be) written for; audited as a read of its
	 * ServiceRequest ({@code img-<id>}, as the RIS names it).
	 */
	@Transactional
	public ReportedProcedure procedure(long requestedProcedure) {
		ReportedProcedure procedure = reports.procedure(requestedProcedure, false)
			.orElseThrow(() -> new ImagingReportNotFoundException("No requested procedure " + requestedProcedure));
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, null, procedure.patient().asString());
		audit.record(AuditEntry.success(AuditAction.READ, ImagingOrderService.SERVICE_REQUEST, "img-" + procedure.id(),
				procedure.patient().asString()));
		return procedure;
	}

	/**
	 * The patient's reports the caller may see, newest first; audited as one search of
	 * the patient's reports.
	 */
	@Transactional
	public List<ImagingReport> ofPatient(PatientId patient) {
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, patient.asString());
		boolean drafts = writesReports();
		List<ImagingReport> found = reports.ofPatient(patient)
			.stream()
			.filter(r -> drafts || r.status().released())
			.toList();
		audit.record(AuditEntry.success(AuditAction.SEARCH, DIAGNOSTIC_REPORT, null, patient.asString()));
		return found;
	}

	/** A page of reports and how many match in all. */
	public record Page(List<ImagingReport> reports, int total) {
	}

	/**
	 * The first {@code limit} released reports in the query's {@code _sort} order, as ids
	 * and sort values, for a DiagnosticReport search sorted across modules. Checks access
	 * and leaves out restricted records like {@link #search}; not audited: the page
	 * chosen from it is read through {@link #search}.
	 */
	@Transactional(readOnly = true)
	public continuum.fhir.RankedMatch.Ranking rank(ImagingReportQuery query, int limit) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, patient);
		return reports.rank(query, access.hiddenPatients(), limit);
	}

	/**
	 * Released reports (preliminary, final, amended, or withdrawn when asked for) for
	 * FHIR searches; each report shown is audited as a read, the search as a search.
	 */
	@Transactional
	public Page search(ImagingReportQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, patient);
		java.util.Set<Long> hidden = access.hiddenPatients();
		List<ImagingReport> found = reports.search(query, hidden);
		int total = query.offset() == 0 && query.limit() > found.size() ? found.size() : reports.count(query, hidden);
		List<AuditEntry> entries = new java.util.ArrayList<>();
		entries.add(AuditEntry.success(AuditAction.SEARCH, DIAGNOSTIC_REPORT, null, patient));
		found.forEach(r -> entries
			.add(AuditEntry.success(AuditAction.READ, DIAGNOSTIC_REPORT, r.id().asString(), r.patient().asString())));
		audit.recordAll(entries);
		return new Page(found, total);
	}

	/**
	 * The released reports of these patients, one query per patient: what a search by
	 * patient finds, for a FHIR bulk export (docs/fhir.md, "Bulk Data export"). Not
	 * audited here: the export records one EXPORT row per patient for the whole export,
	 * in the transaction of the page that reads them.
	 */
	@Transactional(readOnly = true)
	public List<ImagingReport> forBulkExport(java.util.Collection<Long> patientIds) {
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, null);
		java.util.Set<Long> hidden = access.hiddenPatients();
		List<ImagingReport> found = new java.util.ArrayList<>();
		for (Long patient : patientIds) {
			found.addAll(reports.search(new ImagingReportQuery(java.util.Set.of(), new PatientId(patient), null, null,
					null, null, null, null, Integer.MAX_VALUE, 0), hidden));
		}
		return found;
	}

	/** Every version of the report, oldest first; audited as a read. */
	@Transactional
	public List<ImagingReportVersion> history(ImagingReportId id) {
		ImagingReport report = get(id);
		boolean drafts = writesReports();
		return reports.versions(report.id()).stream().filter(v -> drafts || v.status().released()).toList();
	}

	/**
	 * Saves the procedure's report as a draft (creating it when {@code expectedVersion}
	 * is null). A report that was saved preliminary or signed takes no draft.
	 */
	@Transactional
	public ImagingReport saveDraft(long requestedProcedure, @Nullable Integer expectedVersion, ReportText text) {
		return write(requestedProcedure, expectedVersion, text, ImagingReportStatus.DRAFT, null);
	}

	/** Saves a provisional reading that clinicians see marked preliminary. */
	@Transactional
	public ImagingReport savePreliminary(long requestedProcedure, @Nullable Integer expectedVersion, ReportText text) {
		return write(requestedProcedure, expectedVersion, text, ImagingReportStatus.PRELIMINARY, null);
	}

	/** Signs the report final; the signer is its verifier. An impression is required. */
	@Transactional
	public ImagingReport sign(long requestedProcedure, @Nullable Integer expectedVersion, ReportText text) {
		return write(requestedProcedure, expectedVersion, text, ImagingReportStatus.FINAL, null);
	}

	/**
	 * Changes a signed report and signs it again as amended, with the reason; the signed
	 * text before stays in its history.
	 */
	@Transactional
	public ImagingReport amend(long requestedProcedure, int expectedVersion, ReportText text, String reason) {
		return write(requestedProcedure, expectedVersion, text, ImagingReportStatus.AMENDED, requireReason(reason));
	}

	/**
	 * Withdraws a report written for the wrong patient or study; it is kept with its
	 * history, shown to radiologists only, and leaves the chart, FHIR and the downtime
	 * nodes. Withdrawn is the end of a report: the procedure keeps it (one report per
	 * requested procedure), and a new reading goes on a new requested procedure.
	 */
	@Transactional
	public ImagingReport enteredInError(long requestedProcedure, int expectedVersion, String reason) {
		ImagingReport current = reports.ofProcedure(requestedProcedure)
			.orElseThrow(() -> new ImagingReportNotFoundException("No report for procedure " + requestedProcedure));
		return write(requestedProcedure, expectedVersion, new ReportText(current.findings(), current.impression()),
				ImagingReportStatus.ENTERED_IN_ERROR, requireReason(reason));
	}

	private ImagingReport write(long requestedProcedure, @Nullable Integer expectedVersion, ReportText text,
			ImagingReportStatus target, @Nullable String reason) {
		ReportedProcedure procedure = reports.procedure(requestedProcedure, true)
			.orElseThrow(() -> new ImagingReportNotFoundException("No requested procedure " + requestedProcedure));
		String patient = procedure.patient().asString();
		Optional<ImagingReport> existing = reports.ofProcedure(requestedProcedure);
		String id = existing.map(r -> r.id().asString()).orElse(null);
		access.require(DIAGNOSTIC_REPORT, existing.isPresent() ? Interaction.UPDATE : Interaction.CREATE, id, patient);
		if (target.signed() && text.impression().isEmpty()) {
			throw new InvalidInputException("A signed report needs an impression");
		}
		if (target != ImagingReportStatus.ENTERED_IN_ERROR && text.findings().isEmpty()
				&& text.impression().isEmpty()) {
			throw new InvalidInputException("A report needs findings or an impression");
		}
		if (List.of("CANCELLED", "DISCONTINUED").contains(procedure.status()) && existing.isEmpty()) {
			throw new ConflictException(
					"Requested procedure " + requestedProcedure + " is " + procedure.status().toLowerCase());
		}
		String by = currentUser.get().username();
		Instant now = clock.instant();
		ImagingReportId reportId;
		if (existing.isEmpty()) {
			if (expectedVersion != null) {
				throw new ConflictException("Requested procedure " + requestedProcedure + " has no report at version "
						+ expectedVersion + " (it was withdrawn or never written)");
			}
			if (target == ImagingReportStatus.AMENDED || target == ImagingReportStatus.ENTERED_IN_ERROR) {
				throw new ConflictException("Only a signed report can be " + target.label());
			}
			reportId = reports.insert(procedure, target, text.findings(), text.impression(), by, now)
				.orElseThrow(() -> new ConflictException("Requested procedure " + requestedProcedure
						+ " was reported by someone else meanwhile; reload it"));
		}
		else {
			ImagingReport current = existing.get();
			reportId = current.id();
			if (expectedVersion == null || expectedVersion != current.version()) {
				throw new ConflictException("Report " + reportId + " is at version " + current.version() + ", not "
						+ expectedVersion + ": someone changed it meanwhile; reload it");
			}
			requireTransition(current.status(), target, reportId);
			if (!reports.update(reportId, expectedVersion, target, text.findings(), text.impression(), by,
					target.signed(), now)) {
				throw new ConflictException("Report " + reportId + " was changed meanwhile; reload it");
			}
		}
		ImagingReport written = reports.find(reportId).orElseThrow();
		reports.insertVersion(written, reason);
		audit.record(AuditEntry.success(existing.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE,
				DIAGNOSTIC_REPORT, reportId.asString(), patient));
		announce(written, existing.map(ImagingReport::status).orElse(null), by, now);
		return written;
	}

	private void announce(ImagingReport report, @Nullable ImagingReportStatus before, String by, Instant now) {
		ImagingReportStatus after = report.status();
		boolean wasSigned = before != null && before.signed();
		if (after.signed()) {
			changes.append(DIAGNOSTIC_REPORT, report.id().asString(), report.patient().asString(),
					wasSigned ? ChangeOperation.UPDATE : ChangeOperation.CREATE);
		}
		else if (wasSigned) {
			changes.append(DIAGNOSTIC_REPORT, report.id().asString(), report.patient().asString(),
					ChangeOperation.DELETE);
		}
		if (after == ImagingReportStatus.FINAL) {
			events.publishEvent(
					new ImagingReportFinalised(report.id(), report.procedure().id(), report.patient(), by, now));
		}
		else if (after == ImagingReportStatus.AMENDED) {
			events.publishEvent(new ImagingReportAmended(report.id(), report.procedure().id(), report.patient(), by,
					report.version(), now));
		}
		else if (after == ImagingReportStatus.ENTERED_IN_ERROR) {
			events.publishEvent(
					new ImagingReportWithdrawn(report.id(), report.procedure().id(), report.patient(), by, now));
		}
	}

	/**
	 * Draft → preliminary → final → amended (→ amended); anything but withdrawn →
	 * withdrawn.
	 */
	private static void requireTransition(ImagingReportStatus from, ImagingReportStatus to, ImagingReportId id) {
		boolean allowed = switch (to) {
			case DRAFT -> from == ImagingReportStatus.DRAFT;
			case PRELIMINARY, FINAL -> from == ImagingReportStatus.DRAFT || from == ImagingReportStatus.PRELIMINARY;
			case AMENDED -> from.signed();
			case ENTERED_IN_ERROR -> from != ImagingReportStatus.ENTERED_IN_ERROR;
		};
		if (!allowed) {
			throw new ConflictException("Report " + id + " is " + from.label() + " and cannot become " + to.label()
					+ (from.signed() ? " (amend a signed report)" : ""));
		}
	}

	private Optional<ImagingReport> visible(Optional<ImagingReport> report) {
		return report.filter(r -> r.status().released() || writesReports());
	}

	private static String requireReason(@Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("Give the reason for the change");
		}
		if (reason.strip().length() > 500) {
			throw new InvalidInputException("The reason is at most 500 characters");
		}
		return reason.strip();
	}

	private static ImagingReportNotFoundException notFound(ImagingReportId id) {
		return new ImagingReportNotFoundException("No report " + id);
	}

}
