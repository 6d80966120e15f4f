package continuum.web;

import java.sql.SQLTransientConnectionException;

import continuum.platform.OutcomeUnknownException;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database failure thrown by a filter (the session store, the bearer token check) is
 * answered with 503 in the door's form, saying for a write whether anything was saved;
 * anything else goes on to the container as before.
 */
class DatabaseFailureFilterTests {

	final DatabaseFailureFilter filter = new DatabaseFailureFilter();

	@Test
	void aFhirWriteThatCannotReachTheDatabaseIsA503NoStoreNotCommitted() throws Exception {
		MockHttpServletResponse response = run("POST", "/fhir/Patient", (request, answer) -> {
			throw new CannotGetJdbcConnectionException("no connection",
					new SQLTransientConnectionException("timed out"));
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getHeader("Continuum-Write-Outcome")).isEqualTo("not-committed");
		assertThat(response.getContentType()).startsWith("application/fhir+json");
		assertThat(response.getContentAsString()).contains("\"code\":\"no-store\"", "Nothing was saved")
			.doesNotContain("Exception", "timed out");
	}

	@Test
	void aPageWhoseWriteOutcomeIsUnknownSaysToCheckBeforeRepeating() throws Exception {
		MockHttpServletResponse response = run("POST", "/patients/new", (request, answer) -> {
			throw new OutcomeUnknownException("lost");
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Continuum-Write-Outcome")).isEqualTo("unknown");
		assertThat(response.getContentAsString()).contains("may not have been saved", "Check before repeating")
			.doesNotContain("lost");
	}

	@Test
	void aReadUnderApiIsAProblemWithoutAWriteOutcome() throws Exception {
		MockHttpServletResponse response = run("GET", "/api/changes", (request, answer) -> {
			throw new OutcomeUnknownException("lost");
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getHeader("Continuum-Write-Outcome")).isNull();
		assertThat(response.getContentAsString()).contains("\"status\":503", "Try again in a few seconds");
	}

	@Test
	void otherFailuresGoOnToTheContainer() {
		assertThatThrownBy(() -> run("GET", "/patients", (request, answer) -> {
			throw new IllegalStateException("a bug");
		})).isInstanceOf(IllegalStateException.class);
	}

	private MockHttpServletResponse run(String method, String path, FilterChain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, chain);
		return response;
	}

}
