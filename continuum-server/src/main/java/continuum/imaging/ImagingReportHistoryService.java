package continuum.imaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.PatientId;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The kept versions of radiology reports (FHIR {@code _history} and vread), each as the
 * report stood then: its text, status and author from {@code imaging_report_version},
 * signed by the author of the last signed version up to it. The versions a caller sees
 * are those a read shows them: drafts and withdrawn versions to radiologists only. A
 * report's history and a version are audited as a read of it; a type's history as a
 * search with a row per patient shown, leaving out the restricted records the caller may
 * not open.
 */
@Service
public class ImagingReportHistoryService {

	private static final String DIAGNOSTIC_REPORT = ImagingReportService.DIAGNOSTIC_REPORT;

	private final ReportRepository reports;

	private final AccessControl access;

	private final AuditService audit;

	ImagingReportHistoryService(ReportRepository reports, AccessControl access, AuditService audit) {
		this.reports = reports;
		this.access = access;
		this.audit = audit;
	}

	/** A report version named by report, number and time, for a type's history. */
	public record VersionKey(ImagingReportId report, int version, Instant writtenAt, PatientId patient) {
	}

	/** One version as it stood; not found if the caller may not see it. */
	@Transactional
	public ImagingReport version(ImagingReportId id, int version) {
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, id.asString(), null);
		ImagingReport current = reports.find(id).orElseThrow(() -> notFound(id));
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, id.asString(), current.patient().asString());
		ImagingReport found = asOf(current, version);
		if (found == null || !visible().contains(found.status())) {
			throw new ImagingReportNotFoundException("No version " + version + " of radiology report " + id);
		}
		audit.record(
				AuditEntry.success(AuditAction.READ, DIAGNOSTIC_REPORT, id.asString(), current.patient().asString()));
		return found;
	}

	/** The versions of one report the caller may see, newest first. */
	@Transactional
	public HistoryPage<ImagingReport> history(ImagingReportId id, HistoryQuery query) {
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, id.asString(), null);
		ImagingReport current = reports.find(id)
			.filter(r -> reports.countVersionKeys(id, visible(), null, Set.of()) > 0)
			.orElseThrow(() -> notFound(id));
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, id.asString(), current.patient().asString());
		List<ReportRepository.VersionKey> keys = reports.versionKeys(id, visible(), query.since(), Set.of(),
				query.limit(), query.offset());
		int total = total(keys.size(), query, () -> reports.countVersionKeys(id, visible(), query.since(), Set.of()));
		audit.record(new AuditEntry(AuditAction.READ, DIAGNOSTIC_REPORT, id.asString(), current.patient().asString(),
				AuditOutcome.SUCCESS, "history: " + keys.size() + " of " + total + " versions"));
		return new HistoryPage<>(rebuild(keys), total);
	}

	/**
	 * The newest {@code limit} versions of every report written at or after
	 * {@code since}, of the patients the caller may open, without their content: what a
	 * type's history merged with other sources' picks from. Not audited (nothing shown
	 * yet).
	 */
	@Transactional(readOnly = true)
	public HistoryPage<VersionKey> versionKeys(@Nullable Instant since, int limit) {
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<VersionKey> keys = reports.versionKeys(null, visible(), since, hidden, limit, 0)
			.stream()
			.map(k -> new VersionKey(k.report(), k.version(), k.writtenAt(), k.patient()))
			.toList();
		int total = keys.size() < limit ? keys.size() : reports.countVersionKeys(null, visible(), since, hidden);
		return new HistoryPage<>(keys, total);
	}

	/**
	 * The chosen versions (from {@link #versionKeys}) as they stood, in the order given;
	 * audited as a type's history of {@code total} versions.
	 */
	@Transactional
	public List<ImagingReport> versions(List<VersionKey> chosen, int total) {
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, null);
		List<AuditEntry> rows = new ArrayList<>();
		rows.add(new AuditEntry(AuditAction.SEARCH, DIAGNOSTIC_REPORT, null, null, AuditOutcome.SUCCESS,
				"history: " + chosen.size() + " of " + total + " versions"));
		Map<PatientId, Integer> perPatient = new LinkedHashMap<>();
		chosen.forEach(k -> perPatient.merge(k.patient(), 1, Integer::sum));
		perPatient.forEach((patient, count) -> rows.add(new AuditEntry(AuditAction.SEARCH, DIAGNOSTIC_REPORT, null,
				patient.asString(), AuditOutcome.SUCCESS, "history: " + count + " versions shown")));
		audit.recordAll(rows);
		return rebuild(chosen.stream()
			.map(k -> new ReportRepository.VersionKey(k.report(), k.version(), k.writtenAt(), k.patient()))
			.toList());
	}

	/**
	 * The statuses of the versions the caller sees: drafts and withdrawn to writers only.
	 */
	private Set<ImagingReportStatus> visible() {
		if (access.allows(DIAGNOSTIC_REPORT, Interaction.UPDATE)) {
			return EnumSet.allOf(ImagingReportStatus.class);
		}
		EnumSet<ImagingReportStatus> released = EnumSet.noneOf(ImagingReportStatus.class);
		for (ImagingReportStatus status : ImagingReportStatus.values()) {
			if (status.released()) {
				released.add(status);
			}
		}
		return released;
	}

	private List<ImagingReport> rebuild(List<ReportRepository.VersionKey> keys) {
		Map<ImagingReportId, ImagingReport> current = new HashMap<>();
		List<ImagingReport> rebuilt = new ArrayList<>(keys.size());
		for (ReportRepository.VersionKey key : keys) {
			ImagingReport report = current.computeIfAbsent(key.report(),
					id -> reports.find(id).orElseThrow(() -> notFound(id)));
			ImagingReport version = asOf(report, key.version());
			if (version != null) {
				rebuilt.add(version);
			}
		}
		return rebuilt;
	}

	/**
	 * The report at one of its versions: that version's text, status and author, the
	 * signature of the last signed version up to it (a withdrawal keeps the signature it
	 * withdraws, as the report row does).
	 */
	private @Nullable ImagingReport asOf(ImagingReport current, int version) {
		String verifiedBy = null;
		Instant verifiedAt = null;
		for (ImagingReportVersion kept : reports.versions(current.id())) {
			if (kept.status().signed()) {
				verifiedBy = kept.author();
				verifiedAt = kept.writtenAt();
			}
			if (kept.version() == version) {
				return new ImagingReport(current.id(), current.procedure(), current.patient(), kept.status(),
						kept.findings(), kept.impression(), kept.author(), verifiedBy, verifiedAt, current.createdAt(),
						kept.writtenAt(), kept.version());
			}
		}
		return null;
	}

	/** The total without a count when the page shows the end of the history. */
	private static int total(int shown, HistoryQuery query, java.util.function.IntSupplier count) {
		return shown < query.limit() && (query.offset() == 0 || shown > 0) ? query.offset() + shown : count.getAsInt();
	}

	private static ImagingReportNotFoundException notFound(ImagingReportId id) {
		return new ImagingReportNotFoundException("No radiology report " + id);
	}

}
