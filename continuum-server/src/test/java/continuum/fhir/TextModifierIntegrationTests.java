package continuum.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.fhir.SearchHttp.ids;
import static continuum.fhir.SearchHttp.outcome;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code :text} on the {@code code} of AllergyIntolerance, Condition and
 * MedicationStatement: the concept's text starts with the value, case ignored (FHIR R4
 * search.html, token {@code :text}); the coded search beside it is unchanged, and
 * {@code :text} where it is not served is a 400, through HTTP.
 */
@ContinuumIntegrationTest
class TextModifierIntegrationTests {

	static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";

	static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	@LocalServerPort
	int port;

	@Test
	void codeTextMatchesTheStartOfTheConceptsTextIgnoringCase() throws Exception {
		IGenericClient client = FhirTestSupport.client(port, "physician");
		Patient patient = new Patient();
		patient.addName().setFamily("Tekstvan").addGiven("Oona");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		String id = client.create().resource(patient).execute().getId().getIdPart();
		String asthma = condition(client, id, "J45", "Asthma bronchiale");
		String hypertension = condition(client, id, "I10", "Essential hypertension");
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + id));
		allergy.setCode(new CodeableConcept().setText("Penicillin G"));
		allergy.setClinicalStatus(new CodeableConcept(new Coding(ALLERGY_CLINICAL, "active", null)));
		String penicillin = client.create().resource(allergy).execute().getId().getIdPart();
		MedicationStatement medication = new MedicationStatement();
		medication.setSubject(new Reference("Patient/" + id));
		medication.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
		medication.setMedication(new CodeableConcept().setText("Paracetamol 1 g"));
		String paracetamol = client.create().resource(medication).execute().getId().getIdPart();

		SearchHttp physician = new SearchHttp(port, "physician");
		String conditions = "Condition?patient=" + id;
		assertThat(ids(physician.search(conditions + "&code:text=asth"))).containsExactly(asthma);
		assertThat(ids(physician.search(conditions + "&code:text=ESSENTIAL%20HYP"))).containsExactly(hypertension);
		assertThat(ids(physician.search(conditions + "&code:text=bronchiale"))).isEmpty();
		assertThat(ids(physician.search(conditions + "&code:text=asthma&clinical-status=active")))
			.containsExactly(asthma);
		assertThat(ids(physician.search(conditions + "&code=I10"))).containsExactly(hypertension);
		assertThat(ids(physician.search(conditions + "&code=asthma"))).isEmpty();
		Bundle count = physician.search(conditions + "&code:text=e&_summary=count");
		assertThat(count.getTotal()).isEqualTo(1);
		assertThat(ids(physician.search("AllergyIntolerance?patient=" + id + "&code:text=penic")))
			.containsExactly(penicillin);
		assertThat(ids(physician.search("MedicationStatement?patient=" + id + "&code:text=paracetamol%201")))
			.containsExactly(paracetamol);
		assertThat(ids(physician.search("MedicationStatement?patient=" + id + "&code:text=ibuprofen"))).isEmpty();
		// A like-pattern's own characters are text, not wildcards.
		assertThat(ids(physician.search(conditions + "&code:text=%25"))).isEmpty();
		assertThat(outcome(physician.get("Observation?status:text=final"), 400)).contains("status:text");
		assertThat(outcome(physician.get("Specimen?accession:text=x"), 400)).contains("accession:text");
		assertThat(outcome(physician.get(conditions + "&clinical-status:text=active"), 400))
			.contains("clinical-status:text");
		assertThat(outcome(physician.get(conditions + "&code:missing=true"), 400)).contains("code:missing");
	}

	String condition(IGenericClient client, String patient, String code, String text) {
		Condition condition = new Condition();
		condition.setSubject(new Reference("Patient/" + patient));
		condition.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10", code, null)).setText(text));
		condition.setClinicalStatus(new CodeableConcept(new Coding(CONDITION_CLINICAL, "active", null)));
		return client.create().resource(condition).execute().getId().getIdPart();
	}

}
