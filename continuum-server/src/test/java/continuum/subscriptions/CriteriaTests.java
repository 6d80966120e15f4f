package continuum.subscriptions;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CriteriaTests {

	final CriteriaMatcher matcher = new CriteriaMatcher(FhirContext.forR4Cached());

	final Observation observation = new Observation();

	{
		observation.setId("Observation/55");
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.setSubject(new Reference("Patient/123"));
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "2823-3", "Potassium")));
		observation.addCategory(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
	}

	boolean matches(String criteria) {
		return matcher.matches(Criteria.parse(criteria), observation);
	}

	@Test
	void parametersAreAndedAndValuesOred() {
		assertThat(matches("Observation?patient=Patient/123&status=final")).isTrue();
		assertThat(matches("Observation?patient=123&status=amended,final")).isTrue();
		assertThat(matches("Observation?patient=Patient/123&status=preliminary")).isFalse();
		assertThat(matches("Observation?patient=Patient/124")).isFalse();
		assertThat(matches("Observation?status=final&status=amended")).isFalse();
		assertThat(matches("Observation")).isTrue();
		assertThat(matches("Condition?patient=Patient/123")).isFalse();
	}

	@Test
	void tokensCompareSystemAndCodeAsSearchDoes() {
		assertThat(matches("Observation?code=http://loinc.org|2823-3")).isTrue();
		assertThat(matches("Observation?code=http%3A%2F%2Floinc.org%7C2823-3")).isTrue();
		assertThat(matches("Observation?code=2823-3")).isTrue();
		assertThat(matches("Observation?code=http://loinc.org|")).isTrue();
		assertThat(matches("Observation?code=|2823-3")).as("a code without a system").isFalse();
		assertThat(matches("Observation?code=http://snomed.info/sct|2823-3")).isFalse();
		assertThat(matches("Observation?category=laboratory&_id=55")).isTrue();
		assertThat(matches("Observation?_id=56")).isFalse();
	}

	@Test
	void anAppointmentsPatientIsTheParticipantThatIsAPatient() {
		org.hl7.fhir.r4.model.Appointment appointment = new org.hl7.fhir.r4.model.Appointment();
		appointment.setId("Appointment/9");
		appointment.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.CANCELLED);
		appointment.addParticipant().setActor(new Reference("Practitioner/123"));
		appointment.addParticipant().setActor(new Reference("Patient/77"));
		assertThat(matcher.matches(Criteria.parse("Appointment?status=cancelled"), appointment)).isTrue();
		assertThat(matcher.matches(Criteria.parse("Appointment?status=booked"), appointment)).isFalse();
		assertThat(matcher.matches(Criteria.parse("Appointment?patient=77&status=cancelled"), appointment)).isTrue();
		assertThat(matcher.matches(Criteria.parse("Appointment?patient=123"), appointment)).isFalse();
		assertThat(matcher.matches(Criteria.parse("Appointment?actor=Practitioner/123"), appointment)).isTrue();
	}

	@Test
	void theReferenceOfPatientIsToAPatient() {
		assertThat(Criteria.parse("Observation?patient=Patient/123").patient()).contains("123");
		assertThat(Criteria.parse("Observation?patient=Patient/1,Patient/2").patient()).isEmpty();
		assertThatThrownBy(() -> Criteria.parse("Observation?patient=Practitioner/4"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("patient");
		assertThatThrownBy(() -> Criteria.parse("Observation?subject=http://other.example/fhir/Patient/4"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("subject");
	}

	@Test
	void whatIsNotSupportedIsRefusedByName() {
		for (var refused : List.of(List.of("Observation?value-quantity=5", "value-quantity"),
				List.of("Observation?code:text=potassium", "code:text"),
				List.of("Observation?_lastUpdated=gt2020", "_lastUpdated"), List.of("Basic?code=x", "Basic"),
				List.of("/Observation?status=final", "[type]"), List.of("Observation?status=", "status"),
				List.of("", "required"))) {
			assertThatThrownBy(() -> Criteria.parse(refused.get(0))).as(refused.get(0))
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining(refused.get(1));
		}
	}

}
