package continuum.fhir;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FHIR requests are named in the request metrics by interaction, never by id, and by
 * nothing a client can make up.
 */
class FhirRequestObservationConventionTests {

	private static final Set<String> TYPES = Set.of("Patient", "Appointment");

	@Test
	void namesInteractionsWithoutIds() {
		assertThat(template("")).isEqualTo("/fhir");
		assertThat(template("/")).isEqualTo("/fhir");
		assertThat(template("/metadata")).isEqualTo("/fhir/metadata");
		assertThat(template("/Patient")).isEqualTo("/fhir/Patient");
		assertThat(template("/Patient/_search")).isEqualTo("/fhir/Patient/_search");
		assertThat(template("/Patient/4711")).isEqualTo("/fhir/Patient/{id}");
		assertThat(template("/Patient/4711/_history")).isEqualTo("/fhir/Patient/{id}/_history");
		assertThat(template("/Patient/4711/_history/3")).isEqualTo("/fhir/Patient/{id}/_history/{vid}");
		assertThat(template("/Patient/_history")).isEqualTo("/fhir/Patient/_history");
		assertThat(template("/Patient/$merge")).isEqualTo("/fhir/Patient/{operation}");
		assertThat(template("/Patient/4711/$everything")).isEqualTo("/fhir/Patient/{id}/{operation}");
	}

	@Test
	void whatAClientMakesUpAddsNoSeries() {
		assertThat(template("/Peeters")).isEqualTo("/fhir/{type}");
		assertThat(template("/Observation/1")).isEqualTo("/fhir/{type}");
		assertThat(template("/$anything-at-all")).isEqualTo("/fhir/{operation}");
		assertThat(template("/Patient/4711/Jan")).isEqualTo("/fhir/Patient/{id}/{other}");
		assertThat(template("/Patient/4711/_history/3/more/and/more")).isEqualTo("/fhir/Patient/{id}/_history/{vid}");
		assertThat(template("/Patient/4711/a/b/c/d")).isEqualTo("/fhir/Patient/{id}/{other}/{other}");
	}

	private static String template(String path) {
		return FhirRequestObservationConvention.template(path, TYPES);
	}

}
