package continuum.fhir;

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
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
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
 * newest first; search by {@code patient}, {@code code}, {@code date}, {@code status},
 * {@code category}, {@code based-on} and {@code _lastUpdated} with {@code _include} of
 * the patient, results and specimens. A search pages through the sources' matches one
 * source after the other; the total is their sum.
 */
@Component
class DiagnosticReportResourceProvider implements IResourceProvider {

	private final List<DiagnosticReportSource> sources;

	DiagnosticReportResourceProvider(List<DiagnosticReportSource> sources) {
		this.sources = sources;
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
	public IBundleProvider search(@OptionalParam(name = DiagnosticReport.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = DiagnosticReport.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = DiagnosticReport.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = DiagnosticReport.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = DiagnosticReport.SP_CATEGORY) @Nullable TokenParam category,
			@OptionalParam(name = DiagnosticReport.SP_BASED_ON) @Nullable ReferenceParam basedOn,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "DiagnosticReport:patient", "DiagnosticReport:result",
					"DiagnosticReport:specimen" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		DiagnosticReportSearch search = new DiagnosticReportSearch(patient, code, date, status, category, basedOn,
				lastUpdated, includes);
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		List<SourcePaging.Source> matching = new ArrayList<>();
		for (DiagnosticReportSource source : sources) {
			if (source.mayMatch(search)) {
				matching.add((skip, room) -> {
					DiagnosticReportSource.Page page = source.search(search, skip, room);
					return new SourcePaging.Slice(page.matches(), page.included(), page.total());
				});
			}
		}
		return SourcePaging.page(matching, first, size);
	}

}
