package continuum.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
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
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR DiagnosticReport for every module that has reports ({@link DiagnosticReportSource}
 * beans, in their {@code @Order}): read by the source that owns the id (an id no source
 * owns goes to the first, which answers it as unknown), search by {@code patient},
 * {@code code}, {@code date}, {@code status}, {@code category}, {@code based-on} and
 * {@code _lastUpdated} with {@code _include} of the patient, results and specimens. A
 * search pages through the sources' matches one source after the other; the total is
 * their sum.
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

	@Read
	public DiagnosticReport read(@IdParam IdType id) {
		String idPart = id.getIdPart() == null ? "" : id.getIdPart();
		return sources.stream().filter(s -> s.owns(idPart)).findFirst().orElse(sources.get(0)).read(id);
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
