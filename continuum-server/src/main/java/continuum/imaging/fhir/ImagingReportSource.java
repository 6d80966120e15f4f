package continuum.imaging.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import continuum.fhir.DiagnosticReportSearch;
import continuum.fhir.DiagnosticReportSource;
import continuum.fhir.HistoryPages;
import continuum.fhir.InstantRange;
import continuum.fhir.RankedMatch;
import continuum.fhir.ResourceIds;
import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportHistoryService;
import continuum.imaging.ImagingReportId;
import continuum.imaging.ImagingReportNotFoundException;
import continuum.imaging.ImagingReportQuery;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportStatus;
import continuum.imaging.ImagingRequest;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Radiology's DiagnosticReports, ids {@code img-<n>}: read, vread and {@code _history} of
 * the kept versions ({@link ImagingReportHistoryService}), and search by {@code patient},
 * {@code code} (the procedure), {@code date} (issued), {@code status}
 * ({@code preliminary}, {@code final}, {@code amended}; drafts are never searched),
 * {@code category} ({@code RAD} of v2-0074 or LOINC {@code LP29684-5}) and
 * {@code based-on} ({@code ServiceRequest/img-<n>}, the RIS's requested procedure) and
 * the parameters every type has, with {@code _include} of the patient.
 */
@Component
@Order(2)
class ImagingReportSource implements DiagnosticReportSource {

	private final ImagingReportService reports;

	private final PatientResources patients;

	private final ImagingReportHistoryService history;

	ImagingReportSource(ImagingReportService reports, ImagingReportHistoryService history, PatientResources patients) {
		this.reports = reports;
		this.history = history;
		this.patients = patients;
	}

	@Override
	public boolean owns(String id) {
		return id.startsWith(ImagingReportId.PREFIX);
	}

	@Override
	public DiagnosticReport read(IdType id) {
		ImagingReportId report = ImagingReportId.parse(id.getIdPart())
			.orElseThrow(() -> new ImagingReportNotFoundException("No radiology report " + id.getIdPart()));
		Integer version = ResourceIds.version(id);
		return ImagingReportMapper.toFhir(version == null ? reports.get(report) : history.version(report, version));
	}

	@Override
	public IBundleProvider history(IdType id, HistoryPages.Window window) {
		ImagingReportId report = ImagingReportId.parse(id.getIdPart())
			.orElseThrow(() -> new ImagingReportNotFoundException("No radiology report " + id.getIdPart()));
		HistoryPage<ImagingReport> page = history.history(report,
				new HistoryQuery(window.since(), window.size(), window.first()));
		return HistoryPages.page(page.versions().stream().map(ImagingReportSource::toFhir).toList(), page.total(),
				window);
	}

	@Override
	public HistoryPages.Source history() {
		return new HistoryPages.Source() {

			@Override
			public HistoryPages.Keys keys(@Nullable Instant since, int limit) {
				HistoryPage<ImagingReportHistoryService.VersionKey> keys = history.versionKeys(since, limit);
				return new HistoryPages.Keys(
						keys.versions().stream().map(k -> new HistoryPages.Key(k.writtenAt(), k)).toList(),
						keys.total());
			}

			@Override
			public List<DiagnosticReport> versions(List<HistoryPages.Key> chosen, int total) {
				return history
					.versions(chosen.stream().map(k -> (ImagingReportHistoryService.VersionKey) k.key()).toList(),
							total)
					.stream()
					.map(ImagingReportSource::toFhir)
					.toList();
			}

		};
	}

	private static DiagnosticReport toFhir(ImagingReport version) {
		return HistoryPages.version(ImagingReportMapper.toFhir(version), false);
	}

	@Override
	public boolean mayMatch(DiagnosticReportSearch search) {
		TokenParam category = search.category();
		if (search.basedOn() != null && procedure(search.basedOn()).isEmpty()) {
			return false;
		}
		if (category == null) {
			return true;
		}
		String system = category.getSystem() == null ? "" : category.getSystem();
		String code = category.getValue();
		return ("RAD".equals(code) && (system.isEmpty() || system.equals(ImagingStudyCodes.DIAGNOSTIC_SERVICE)))
				|| (ImagingStudyCodes.RADIOLOGY_PART.equals(code)
						&& (system.isEmpty() || system.equals(ImagingStudyCodes.LOINC)));
	}

	/**
	 * The requested procedure a {@code based-on} names: {@code ServiceRequest/img-<n>}
	 * (or {@code img-<n>}), as the RIS names its ServiceRequests.
	 */
	private static Optional<Long> procedure(ReferenceParam basedOn) {
		String type = basedOn.getResourceType();
		String id = basedOn.getIdPart();
		if ((type != null && !type.isEmpty() && !"ServiceRequest".equals(type)) || id == null) {
			return Optional.empty();
		}
		return ImagingRequest.procedureOf(id);
	}

	@Override
	public Page search(DiagnosticReportSearch search, int first, int size) {
		Optional<ImagingReportQuery> query = query(search, first, size);
		if (query.isEmpty()) {
			return Page.EMPTY;
		}
		ImagingReportService.Page page = reports.search(query.get());
		List<DiagnosticReport> matches = page.reports().stream().map(ImagingReportMapper::toFhir).toList();
		List<IBaseResource> included = new ArrayList<>();
		if (search.includes("DiagnosticReport:patient")) {
			new LinkedHashSet<>(page.reports().stream().map(ImagingReport::patient).toList())
				.forEach(p -> included.add(patients.read(p)));
		}
		return new Page(matches, included, page.total());
	}

	@Override
	public RankedMatch.Ranking rank(DiagnosticReportSearch search, int limit) {
		return query(search, 0, limit).map(q -> reports.rank(q, limit)).orElse(RankedMatch.Ranking.EMPTY);
	}

	/** The query the search asks of radiology; empty when it can match nothing. */
	private static Optional<ImagingReportQuery> query(DiagnosticReportSearch search, int first, int size) {
		Optional<PatientId> who = PatientResources.searched(search.patient());
		Set<ImagingReportStatus> statuses = new LinkedHashSet<>();
		if (search.status() != null) {
			search.status()
				.getValuesAsQueryTokens()
				.forEach(t -> Optional.ofNullable(ImagingReportStatus.ofFhirCode(t.getValue()))
					.filter(ImagingReportQuery.RELEASED::contains)
					.ifPresent(statuses::add));
		}
		TokenParam code = search.code();
		String system = code == null || code.getSystem() == null ? "" : code.getSystem();
		boolean foreignCode = code != null && !system.isEmpty() && !system.equals(ImagingStudyCodes.LOCAL_PROCEDURES)
				&& !system.equals(ImagingStudyCodes.LOINC);
		if ((search.patient() != null && who.isEmpty()) || (search.status() != null && statuses.isEmpty())
				|| foreignCode) {
			return Optional.empty();
		}
		InstantRange issued = InstantRange.of(search.date());
		return Optional.of(new ImagingReportQuery(statuses, who.orElse(null), code == null ? null : code.getValue(),
				search.basedOn() == null ? null : procedure(search.basedOn()).orElseThrow(), issued.from(),
				issued.until(), null, null, size, first, search.controls()));
	}

}
