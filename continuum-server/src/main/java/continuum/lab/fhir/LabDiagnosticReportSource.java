package continuum.lab.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
import continuum.lab.LabHistoryService;
import continuum.lab.LabItemId;
import continuum.lab.LabPage;
import continuum.lab.LabReport;
import continuum.lab.LabReportQuery;
import continuum.lab.LabSearchService;
import continuum.lab.LabTest;
import continuum.lab.ReportStatus;
import continuum.lab.SpecimenService;
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
 * The laboratory's DiagnosticReports, one per order item that has a released result, with
 * the item's id (a plain number): read, vread and {@code _history} (its versions are the
 * moments its released results changed: {@link LabHistoryService}), and search by
 * {@code patient}, {@code code}, {@code date}, {@code status}, {@code category}
 * ({@code LAB}), {@code based-on} and the parameters every type has, with
 * {@code _include} of its patient, results and specimens. The first source of
 * {@code DiagnosticReport}.
 */
@Component
@Order(1)
class LabDiagnosticReportSource implements DiagnosticReportSource {

	private final LabSearchService search;

	private final SpecimenService specimens;

	private final PatientResources patients;

	private final LabHistoryService history;

	LabDiagnosticReportSource(LabSearchService search, LabHistoryService history, SpecimenService specimens,
			PatientResources patients) {
		this.search = search;
		this.history = history;
		this.specimens = specimens;
		this.patients = patients;
	}

	@Override
	public boolean owns(String id) {
		return ResourceIds.parse(id).isPresent();
	}

	@Override
	public DiagnosticReport read(IdType id) {
		LabItemId item = new LabItemId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		return DiagnosticReportMapper
			.toFhir(version == null ? search.report(item) : history.reportVersion(item, version));
	}

	@Override
	public IBundleProvider history(IdType id, HistoryPages.Window window) {
		HistoryPage<LabHistoryService.LabReportVersion> page = history.reportHistory(new LabItemId(ResourceIds.of(id)),
				new HistoryQuery(window.since(), window.size(), window.first()));
		return HistoryPages.page(page.versions().stream().map(LabDiagnosticReportSource::toFhir).toList(), page.total(),
				window);
	}

	@Override
	public HistoryPages.Source history() {
		return new HistoryPages.Source() {

			@Override
			public HistoryPages.Keys keys(@Nullable Instant since, int limit) {
				HistoryPage<LabHistoryService.LabReportVersionKey> keys = history.reportVersionKeys(since, limit);
				return new HistoryPages.Keys(
						keys.versions().stream().map(k -> new HistoryPages.Key(k.at(), k)).toList(), keys.total());
			}

			@Override
			public List<DiagnosticReport> versions(List<HistoryPages.Key> chosen, int total) {
				return history
					.reportVersions(chosen.stream().map(k -> (LabHistoryService.LabReportVersionKey) k.key()).toList(),
							total)
					.stream()
					.map(LabDiagnosticReportSource::toFhir)
					.toList();
			}

		};
	}

	/**
	 * A report version for a history bundle: a version without a released result (the
	 * last one withdrawn for a correction) is a deletion.
	 */
	private static DiagnosticReport toFhir(LabHistoryService.LabReportVersion version) {
		LabReport report = version.report();
		if (report != null) {
			return HistoryPages.version(DiagnosticReportMapper.toFhir(report), false);
		}
		DiagnosticReport withdrawn = new DiagnosticReport();
		withdrawn.setId(new IdType("DiagnosticReport", version.item().asString(), Integer.toString(version.version())));
		withdrawn.getMeta().setVersionId(Integer.toString(version.version()));
		withdrawn.getMeta().setLastUpdated(java.util.Date.from(version.at()));
		return HistoryPages.version(withdrawn, true);
	}

	@Override
	public boolean mayMatch(DiagnosticReportSearch params) {
		return LabSearchParams.category(params.category(), LabCodes.DIAGNOSTIC_SERVICE, "LAB");
	}

	@Override
	public Page search(DiagnosticReportSearch params, int first, int size) {
		Optional<LabReportQuery> query = query(params, first, size);
		if (query.isEmpty()) {
			return Page.EMPTY;
		}
		LabPage<LabReport> page = search.reports(query.get());
		List<DiagnosticReport> matches = page.entries().stream().map(DiagnosticReportMapper::toFhir).toList();
		List<IBaseResource> included = new ArrayList<>();
		if (params.includes("DiagnosticReport:patient")) {
			included
				.addAll(LabSearchParams.patients(patients, page.entries().stream().map(LabReport::patient).toList()));
		}
		if (params.includes("DiagnosticReport:result")) {
			page.entries().forEach(r -> r.results().forEach(result -> included.add(ObservationMapper.toFhir(result))));
		}
		if (params.includes("DiagnosticReport:specimen")) {
			new LinkedHashSet<>(page.entries().stream().flatMap(r -> r.specimens().stream()).toList())
				.forEach(a -> included.add(SpecimenMapper.toFhir(specimens.get(a))));
		}
		return new Page(matches, included, (int) page.total());
	}

	@Override
	public RankedMatch.Ranking rank(DiagnosticReportSearch params, int limit) {
		return query(params, 0, limit).map(q -> search.rankReports(q, limit)).orElse(RankedMatch.Ranking.EMPTY);
	}

	/** The query the search asks of the laboratory; empty when it can match nothing. */
	private static Optional<LabReportQuery> query(DiagnosticReportSearch params, int first, int size) {
		Optional<PatientId> who = PatientResources.searched(params.patient());
		TokenParam code = params.code();
		Optional<String> orderable = code == null ? Optional.empty() : LabSearchParams.code(code, LabTest.LOINC);
		Set<ReportStatus> statuses = LabSearchParams.statuses(params.status(), ReportStatus::ofFhirCode);
		ReferenceParam basedOn = params.basedOn();
		OptionalLong item = basedOn == null ? OptionalLong.empty() : ResourceIds.searched(basedOn, "ServiceRequest");
		if ((params.patient() != null && who.isEmpty()) || (code != null && orderable.isEmpty())
				|| (statuses != null && statuses.isEmpty()) || (basedOn != null && item.isEmpty())) {
			return Optional.empty();
		}
		InstantRange effective = InstantRange.of(params.date());
		return Optional.of(new LabReportQuery(who.orElse(null), orderable.orElse(null),
				statuses == null ? Set.of() : statuses, effective.from(), effective.until(), null, null,
				item.isPresent() ? new LabItemId(item.getAsLong()) : null, size, first, params.controls()));
	}

}
