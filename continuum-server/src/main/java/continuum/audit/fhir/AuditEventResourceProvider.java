package continuum.audit.fhir;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.audit.AuditQuery;
import continuum.audit.AuditService;
import continuum.fhir.InstantRange;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code /fhir/AuditEvent}: read and search the audit log (auditors only) by
 * {@code patient}, {@code agent-name}, {@code date} and the parameters every type has
 * ({@code _id}, {@code _lastUpdated}, which is when the entry was recorded since an entry
 * never changes, {@code _sort} by {@code date}), newest first unless sorted otherwise.
 */
@Component
public class AuditEventResourceProvider implements IResourceProvider {

	private final AuditService audit;

	private final Clock clock;

	AuditEventResourceProvider(AuditService audit, Clock clock) {
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id) {
		return AuditEventMapper.toFhir(audit.get(ResourceIds.of(id)));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = AuditEvent.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_AGENT_NAME) @Nullable StringParam agentName,
			@OptionalParam(name = AuditEvent.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort, @Count @Nullable Integer count, @Offset @Nullable Integer offset,
			RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock)
			.withMissing(request, AuditEvent.SP_PATIENT);
		if (controls.asksMissing(AuditEvent.SP_PATIENT)) {
			// patient:missing=true: the entries about no patient.
			patient = null;
		}
		String patientId = null;
		if (patient != null) {
			OptionalLong id = ResourceIds.searched(patient, "Patient");
			if (id.isEmpty()) {
				return Paging.empty();
			}
			patientId = Long.toString(id.getAsLong());
		}
		if (controls.matchesNothing()) {
			return Paging.empty();
		}
		InstantRange recorded = InstantRange.of(date);
		String username = agentName == null ? null : agentName.getValue();
		String forPatient = patientId;
		IntFunction<AuditQuery> page = n -> new AuditQuery(forPatient, username, recorded.from(), recorded.until(), n,
				0, controls);
		IntSupplier total = () -> audit.count(page.apply(1));
		BiFunction<Integer, Integer, List<? extends IBaseResource>> fetch = (first, n) -> audit
			.find(new AuditQuery(forPatient, username, recorded.from(), recorded.until(), n, first, controls))
			.stream()
			.map(AuditEventMapper::toFhir)
			.toList();
		// The log grows without bound: count it only when asked (_total=accurate,
		// _summary=count), else give the total on the last page alone.
		return Paging.accurateTotal(request) ? Paging.page(request, offset, count, total, fetch)
				: Paging.pageWithoutTotal(request, offset, count, total, fetch);
	}

}
