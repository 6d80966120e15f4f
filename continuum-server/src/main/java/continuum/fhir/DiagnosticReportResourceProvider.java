package continuum.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR DiagnosticReport for every module that has reports ({@link DiagnosticReportSource}
 * beans, in their {@code @Order}): read by the source that owns the id (an id no source
 * owns goes to the first, which answers it as unknown), and so do a vread and an
 * instance's {@code _history}; a type's {@code _history} merges the sources' versions
 * newest first; search by {@code patient} (and its chains, resolved once for all
 * sources), {@code code}, {@code date}, {@code status}, {@code category},
 * {@code based-on} and the parameters every type has ({@code _id}, {@code _lastUpdated},
 * {@code _sort} by {@code date}), with {@code _include} of the patient, results and
 * specimens. Unsorted, a search pages through the sources' matches one source after the
 * other; sorted, they are merged by the sort keys ({@link SourcePaging#merged}); the
 * total is their sum.
 */
@Component
class DiagnosticReportResourceProvider implements IResourceProvider {

	private final List<DiagnosticReportSource> sources;

	private final PatientChains chains;

	private final Clock clock;

	DiagnosticReportResourceProvider(List<DiagnosticReportSource> sources, PatientChains chains, Clock clock) {
		this.sources = sources;
		this.chains = chains;
		this.clock = clock;
	}

	@Override
	public Class<DiagnosticReport> getResourceType() {
		return DiagnosticReport.class;
	}

	@Read(version = true)
	public DiagnosticReport read(@IdParam IdType id) {
		return owner(id).read(id);
	}

	/** {@code GET DiagnosticReport/{id}/_history}: its versions, newest first. */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		return owner(id).history(id, HistoryPages.window(request, since, offset, count));
	}

	/**
	 * {@code GET DiagnosticReport/_history}: every source's versions the caller may see,
	 * newest first.
	 */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		return HistoryPages.merged(sources.stream().map(DiagnosticReportSource::history).toList(),
				HistoryPages.window(request, since, offset, count));
	}

	private DiagnosticReportSource owner(IdType id) {
		String idPart = id.getIdPart() == null ? "" : id.getIdPart();
		return sources.stream().filter(s -> s.owns(idPart)).findFirst().orElse(sources.get(0));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = DiagnosticReport.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = DiagnosticReport.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = DiagnosticReport.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = DiagnosticReport.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = DiagnosticReport.SP_CATEGORY) @Nullable TokenParam category,
			@OptionalParam(name = DiagnosticReport.SP_BASED_ON) @Nullable ReferenceParam basedOn,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids, @Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "DiagnosticReport:patient", "DiagnosticReport:result",
					"DiagnosticReport:specimen" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock).withText("code", code);
		if (SearchControls.isText(code)) {
			// code:text=... matches the concept's text or display, in every source.
			code = null;
		}
		if (PatientChains.chained(patient)) {
			controls = controls.withPatients(chains.patientsOf(patient));
			patient = null;
		}
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		if (controls.matchesNothing()) {
			return Paging.page(List.of(), List.of(), 0, first, size);
		}
		DiagnosticReportSearch search = new DiagnosticReportSearch(patient, code, date, status, category, basedOn,
				includes, controls);
		List<DiagnosticReportSource> matching = sources.stream().filter(s -> s.mayMatch(search)).toList();
		if (!controls.sort().isEmpty() && matching.size() > 1 && size > 0) {
			List<SourcePaging.RankedSource> ranked = new ArrayList<>();
			for (DiagnosticReportSource source : matching) {
				ranked.add(new SourcePaging.RankedSource() {
					@Override
					public RankedMatch.Ranking rank(int limit) {
						return source.rank(search, limit);
					}

					@Override
					public SourcePaging.Slice read(Set<String> only) {
						DiagnosticReportSearch narrowed = search
							.withControls(search.controls().withIds(only).unsorted());
						DiagnosticReportSource.Page page = source.search(narrowed, 0, Math.max(1, only.size()));
						return new SourcePaging.Slice(page.matches(), page.included(), page.total());
					}
				});
			}
			return SourcePaging.merged(ranked, controls.sort(), DiagnosticReport.SP_DATE, first, size);
		}
		List<SourcePaging.Source> paged = new ArrayList<>();
		for (DiagnosticReportSource source : matching) {
			paged.add((skip, room) -> {
				DiagnosticReportSource.Page page = source.search(search, skip, room);
				return new SourcePaging.Slice(page.matches(), page.included(), page.total());
			});
		}
		return SourcePaging.page(paged, first, size);
	}

}
