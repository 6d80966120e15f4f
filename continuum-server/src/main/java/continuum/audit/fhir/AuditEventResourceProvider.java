package continuum.audit.fhir;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.audit.AuditQuery;
import continuum.audit.AuditService;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** {@code /fhir/AuditEvent}: read and search the audit log (auditors only). */
@Component
public class AuditEventResourceProvider implements IResourceProvider {

	private final AuditService audit;

	AuditEventResourceProvider(AuditService audit) {
		this.audit = audit;
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
	public List<AuditEvent> search(@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_AGENT_NAME) StringParam agentName,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date, @Count Integer count, @Offset Integer offset,
			RequestDetails request) {
		int limit = count == null ? 50 : Paging.size(request, count);
		int first = Paging.first(offset);
		String patientId = null;
		if (patient != null) {
			OptionalLong id = ResourceIds.searched(patient, "Patient");
			if (id.isEmpty()) {
				return List.of();
			}
			patientId = Long.toString(id.getAsLong());
		}
		Instant from = date == null || date.getLowerBoundAsInstant() == null ? null
				: date.getLowerBoundAsInstant().toInstant();
		Instant to = date == null || date.getUpperBoundAsInstant() == null ? null
				: date.getUpperBoundAsInstant().toInstant();
		String username = agentName == null ? null : agentName.getValue();
		AuditQuery query = new AuditQuery(patientId, username, from, to, limit, first);
		return audit.find(query).stream().map(AuditEventMapper::toFhir).toList();
	}

}
