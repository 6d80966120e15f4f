package continuum.patients;

import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IOperationUntypedWithInput;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code Patient/$merge}: a master patient index merges a duplicate by reference or by
 * identifier, previews a merge without changing anything, and gets the protocol's errors
 * (with nothing merged) for the same patient twice, a patient already merged, an unknown
 * patient, ambiguous input, what Continuum does not do (delete the source, replace the
 * target) and a role without update rights.
 */
@ContinuumIntegrationTest
class PatientMergeFhirIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	JdbcClient jdbc;

	@Test
	void mergesBySourceReferenceAndTargetIdentifierAndMovesTheEntries() {
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		Patient target = register("Maes");
		Patient source = register("Maes");
		Medication medication = clinical.record(ClinicalKind.MEDICATIONS, Medication.of(source.id(),
				ClinicalCode.text("Bisoprolol 5 mg tablet"), "5 mg", "oral", "once a day", "active", null, null));

		Parameters input = new Parameters();
		input.addParameter().setName("source-patient").setValue(new Reference("Patient/" + source.id()));
		input.addParameter()
			.setName("target-patient-identifier")
			.setValue(new org.hl7.fhir.r4.model.Identifier().setSystem(Identifier.MRN_SYSTEM).setValue(target.mrn()));
		Parameters output = merge(physician, input).execute();

		OperationOutcome outcome = (OperationOutcome) output.getParameter("outcome").getResource();
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("was merged into Patient/" + target.id());
		org.hl7.fhir.r4.model.Patient result = (org.hl7.fhir.r4.model.Patient) output.getParameter("result")
			.getResource();
		assertThat(result.getIdElement().getIdPart()).isEqualTo(target.id().asString());
		assertThat(output.getParameter("input").getResource()).isInstanceOf(Parameters.class);
		FhirTestSupport.assertValid(output);

		org.hl7.fhir.r4.model.Patient merged = physician.read()
			.resource(org.hl7.fhir.r4.model.Patient.class)
			.withId(source.id().asString())
			.execute();
		assertThat(merged.getActive()).isFalse();
		assertThat(merged.getLinkFirstRep().getOther().getReference()).isEqualTo("Patient/" + target.id());
		assertThat(clinical.read(ClinicalKind.MEDICATIONS, medication.id()).patient()).isEqualTo(target.id());
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'physician' and action = 'UPDATE'
				  and resource_type = 'Patient' and patient_id in (:source, :target)""")
			.param("source", source.id().asString())
			.param("target", target.id().asString())
			.query(Integer.class)
			.single()).isEqualTo(2);

		BaseServerResponseException again = failure(merge(physician, input));
		assertOutcome(again, 409, "was already merged");
	}

	@Test
	void aPreviewChecksTheMergeAndChangesNothing() {
		IGenericClient nurse = FhirTestSupport.client(port, "nurse");
		Patient target = register("Jacobs");
		Patient source = register("Jacobs");
		Parameters input = references(source, target);
		input.addParameter().setName("preview").setValue(new BooleanType(true));
		Parameters output = merge(nurse, input).execute();
		assertThat(
				((OperationOutcome) output.getParameter("outcome").getResource()).getIssueFirstRep().getDiagnostics())
			.contains("Preview only", "nothing was changed");
		assertThat(patients.read(source.id()).isMerged()).isFalse();
		assertThat(patients.read(source.id()).version()).isEqualTo(1);

		Parameters same = references(source, source);
		same.addParameter().setName("preview").setValue(new BooleanType(true));
		assertOutcome(failure(merge(nurse, same)), 422, "cannot be merged into itself");
	}

	@Test
	void inputThatCannotBeMergedIsRefusedAndNothingIsMerged() {
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		Patient target = register("Claes");
		Patient source = register("Claes");

		assertOutcome(failure(merge(physician, references(source, source))), 422, "cannot be merged into itself");
		Parameters unknown = new Parameters();
		unknown.addParameter().setName("source-patient").setValue(new Reference("Patient/999999999"));
		unknown.addParameter().setName("target-patient").setValue(new Reference("Patient/" + target.id()));
		assertOutcome(failure(merge(physician, unknown)), 422, "does not exist");
		Parameters noHolder = new Parameters();
		noHolder.addParameter()
			.setName("source-patient-identifier")
			.setValue(new org.hl7.fhir.r4.model.Identifier().setSystem("urn:oid:1.2.3").setValue("nobody"));
		noHolder.addParameter().setName("target-patient").setValue(new Reference("Patient/" + target.id()));
		assertOutcome(failure(merge(physician, noHolder)), 422, "No patient holds the source identifier");
		Parameters both = references(source, target);
		both.addParameter()
			.setName("source-patient-identifier")
			.setValue(new org.hl7.fhir.r4.model.Identifier().setSystem(Identifier.MRN_SYSTEM).setValue(source.mrn()));
		assertOutcome(failure(merge(physician, both)), 400, "either by source-patient or by");
		Parameters neither = new Parameters();
		neither.addParameter().setName("target-patient").setValue(new Reference("Patient/" + target.id()));
		assertOutcome(failure(merge(physician, neither)), 400, "not both and not neither");
		Parameters delete = references(source, target);
		delete.addParameter().setName("delete-source").setValue(new BooleanType(true));
		assertOutcome(failure(merge(physician, delete)), 422, "delete-source is not supported");
		Parameters replace = references(source, target);
		replace.addParameter()
			.setName("result-patient")
			.setResource(new org.hl7.fhir.r4.model.Patient().setActive(true));
		assertOutcome(failure(merge(physician, replace)), 422, "result-patient is not supported");

		IGenericClient radiographer = FhirTestSupport.client(port, "radiographer");
		assertThat(failure(merge(radiographer, references(source, target))).getStatusCode()).isEqualTo(403);
		assertThat(patients.read(source.id()).isMerged()).isFalse();
		assertThat(patients.read(target.id()).version()).isEqualTo(1);
	}

	@Test
	void theCapabilityStatementOffersTheOperation() {
		CapabilityStatement statement = FhirTestSupport.client(port, "physician")
			.capabilities()
			.ofType(CapabilityStatement.class)
			.execute();
		List<String> operations = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> "Patient".equals(r.getType()))
			.flatMap(r -> r.getOperation().stream())
			.map(o -> o.getName())
			.toList();
		assertThat(operations).contains("merge", "everything");
	}

	private Patient register(String family) {
		return patients.register(TestPatients.data(family, TestPatients.uniqueWord()));
	}

	private static Parameters references(Patient source, Patient target) {
		Parameters input = new Parameters();
		input.addParameter().setName("source-patient").setValue(new Reference("Patient/" + source.id()));
		input.addParameter().setName("target-patient").setValue(new Reference("Patient/" + target.id()));
		return input;
	}

	private static IOperationUntypedWithInput<Parameters> merge(IGenericClient client, Parameters input) {
		return client.operation().onType(org.hl7.fhir.r4.model.Patient.class).named("$merge").withParameters(input);
	}

	private static BaseServerResponseException failure(IOperationUntypedWithInput<Parameters> request) {
		return catchThrowableOfType(BaseServerResponseException.class, request::execute);
	}

	private static void assertOutcome(BaseServerResponseException failure, int status, String text) {
		assertThat(failure).as("expected HTTP " + status).isNotNull();
		assertThat(failure.getStatusCode()).isEqualTo(status);
		OperationOutcome outcome = (OperationOutcome) failure.getOperationOutcome();
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(text);
	}

}
