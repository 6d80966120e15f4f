package continuum.audit;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log as FHIR AuditEvents: readable by auditors only, valid R4, and itself
 * audited.
 */
@ContinuumIntegrationTest
class AuditEventFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void auditorsSearchValidAuditEvents() {
		FhirTestSupport.token(port, "nurse");
		IGenericClient auditor = FhirTestSupport.client(port, "auditor");
		Bundle bundle = auditor.search()
			.forResource(AuditEvent.class)
			.where(AuditEvent.AGENT_NAME.matches().value("nurse"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(bundle.getEntry()).isNotEmpty();
		bundle.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
		AuditEvent first = (AuditEvent) bundle.getEntry().get(0).getResource();
		assertThat(first.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("nurse");
		AuditEvent read = auditor.read().resource(AuditEvent.class).withId(first.getIdElement().getIdPart()).execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getRecorded()).isEqualTo(first.getRecorded());
		long searchesAudited = jdbc
			.sql("select count(*) from audit_log where username = 'auditor' "
					+ "and resource_type = 'AuditEvent' and action = 'SEARCH'")
			.query(Long.class)
			.single();
		assertThat(searchesAudited).isPositive();
	}

	@Test
	void othersAreRefusedAndTheRefusalIsAudited() {
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		assertThatThrownBy(() -> physician.search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute())
			.isInstanceOf(ForbiddenOperationException.class);
		long denials = jdbc
			.sql("select count(*) from audit_log where username = 'physician' "
					+ "and resource_type = 'AuditEvent' and outcome = 'DENIED'")
			.query(Long.class)
			.single();
		assertThat(denials).isPositive();
	}

}
