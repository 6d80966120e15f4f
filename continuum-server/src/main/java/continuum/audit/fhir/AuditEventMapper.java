package continuum.audit.fhir;

import java.util.Date;

import continuum.audit.AuditAction;
import continuum.audit.AuditRecord;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * An audit row as a FHIR R4 AuditEvent: sign-ins, sign-outs and tokens as DICOM audit
 * event 110114 "User Authentication"; every other row as type {@code rest} with the
 * RESTful interaction as subtype ({@code search-type} for searches, {@code read} for
 * reads and exports); the acting user as requesting agent with role and network address,
 * the resource and the patient as entities.
 */
final class AuditEventMapper {

	private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

	private static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";

	private static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";

	private AuditEventMapper() {
	}

	static AuditEvent toFhir(AuditRecord row) {
		AuditEvent event = new AuditEvent();
		event.setId(Long.toString(row.id()));
		// An entry never changes: its one version is the one recorded.
		event.getMeta().setLastUpdated(Date.from(row.recordedAt()));
		switch (row.action()) {
			case LOGIN, LOGOUT, TOKEN -> event.setType(new Coding(DCM, "110114", "User Authentication"));
			default -> event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
		}
		String interaction = interaction(row.action());
		if (interaction != null) {
			event.addSubtype(new Coding(RESTFUL_INTERACTION, interaction, interaction));
		}
		event.setAction(AuditEvent.AuditEventAction.fromCode(row.action().fhirCode()));
		event.setRecorded(Date.from(row.recordedAt()));
		event.setOutcome(switch (row.outcome()) {
			case SUCCESS -> AuditEvent.AuditEventOutcome._0;
			case DENIED -> AuditEvent.AuditEventOutcome._4;
			case FAILED -> AuditEvent.AuditEventOutcome._8;
		});
		if (row.detail() != null) {
			event.setOutcomeDesc(row.detail());
		}
		AuditEvent.AuditEventAgentComponent agent = event.addAgent();
		agent.setRequestor(true);
		agent.setWho(new Reference().setDisplay(row.username()));
		agent.getWho().getIdentifier().setSystem("urn:continuum:username").setValue(row.username());
		if (row.role() != null) {
			agent.addRole().setText(row.role());
		}
		if (row.address() != null) {
			agent.getNetwork().setAddress(row.address()).setType(AuditEvent.AuditEventAgentNetworkType._2);
		}
		event.getSource().setSite("Continuum").setObserver(new Reference().setDisplay("Continuum server"));
		if (row.resourceId() != null || row.resourceType() != null) {
			AuditEvent.AuditEventEntityComponent entity = event.addEntity();
			entity.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
			if (row.resourceId() != null) {
				entity.setWhat(new Reference(row.resourceType() + "/" + row.resourceId()));
			}
			else {
				entity.setWhat(new Reference().setDisplay(row.resourceType()));
			}
		}
		if (row.patientId() != null) {
			AuditEvent.AuditEventEntityComponent patient = event.addEntity();
			patient.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
			patient.setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
			patient.setWhat(new Reference("Patient/" + row.patientId()));
		}
		return event;
	}

	private static String interaction(AuditAction action) {
		return switch (action) {
			case READ, EXPORT -> "read";
			case SEARCH -> "search-type";
			case CREATE -> "create";
			case UPDATE -> "update";
			case DELETE -> "delete";
			default -> null;
		};
	}

}
