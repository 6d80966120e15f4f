package continuum.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error bodies written outside any controller are well-formed in each door's form,
 * whatever characters the message holds (a parameter's name, for instance).
 */
class ErrorBodiesTests {

	private static final String MESSAGE = "The parameter 'a\"b\\c\nd\u0001' is refused";

	@Test
	void aProblemDocumentCarriesTheMessageExactly() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ErrorBodies.write(response, ErrorBodies.Door.API, 400, MESSAGE);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = new ObjectMapper().readTree(response.getContentAsByteArray());
		assertThat(problem.get("detail").asString()).isEqualTo(MESSAGE);
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Bad request");
	}

	@Test
	void anOperationOutcomeCarriesTheMessageExactly() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ErrorBodies.write(response, ErrorBodies.Door.FHIR, 414, MESSAGE);
		JsonNode outcome = new ObjectMapper().readTree(response.getContentAsByteArray());
		assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
		assertThat(outcome.at("/issue/0/code").asString()).isEqualTo("too-long");
		assertThat(outcome.at("/issue/0/diagnostics").asString()).isEqualTo(MESSAGE);
	}

	@Test
	void aPageEscapesTheMessage() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ErrorBodies.write(response, ErrorBodies.Door.PAGE, 400, "<script>alert(1)</script>");
		assertThat(response.getContentAsString()).contains("&lt;script&gt;").doesNotContain("<script>");
	}

}
