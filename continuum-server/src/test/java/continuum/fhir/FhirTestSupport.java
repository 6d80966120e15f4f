package continuum.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients, tokens and R4 base validation for FHIR tests. */
public final class FhirTestSupport {

	private static final FhirContext CONTEXT = FhirContext.forR4Cached();

	private static FhirValidator validator;

	private FhirTestSupport() {
	}

	public static FhirContext context() {
		return CONTEXT;
	}

	/** A bearer token for a demo account, from {@code POST /api/token}. */
	public static String token(int port, String username) {
		return token(port, username, ContinuumIntegrationTest.DEMO_PASSWORD);
	}

	/** A bearer token for an account, from {@code POST /api/token}. */
	public static String token(int port, String username, String password) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("token for %s", username).isEqualTo(200);
			String body = response.body();
			int start = body.indexOf("\"access_token\":\"") + 16;
			return body.substring(start, body.indexOf('"', start));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot obtain a token for " + username, ex);
		}
	}

	/** A FHIR client for {@code /fhir} signed in as a demo account. */
	public static IGenericClient client(int port, String username) {
		CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = CONTEXT.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(token(port, username)));
		return client;
	}

	/** Validates against the R4 base specification and fails with every error message. */
	public static void assertValid(IBaseResource resource) {
		ValidationResult result = validator().validateWithResult(resource);
		assertThat(result.getMessages()).as("R4 validation of %s", resource.getIdElement().getValue())
			.filteredOn(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.isEmpty();
	}

	/**
	 * Validates a history Bundle: as {@link #assertValid}, except that a reference to a
	 * resource the Bundle holds in several versions is not an error (R4 bdl-7 lets a
	 * history hold one fullUrl many times, so the validator finds several matches).
	 */
	public static void assertValidHistory(IBaseResource bundle) {
		ValidationResult result = validator().validateWithResult(bundle);
		assertThat(result.getMessages()).as("R4 validation of %s", bundle.getIdElement().getValue())
			.filteredOn(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.filteredOn(m -> !"Bundle_BUNDLE_MultipleMatches".equals(m.getMessageId()))
			.isEmpty();
	}

	private static synchronized FhirValidator validator() {
		if (validator == null) {
			ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CONTEXT),
					new InMemoryTerminologyServerValidationSupport(CONTEXT),
					new CommonCodeSystemsTerminologyService(CONTEXT));
			FhirValidator v = CONTEXT.newValidator();
			v.registerValidatorModule(new FhirInstanceValidator(chain));
			validator = v;
		}
		return validator;
	}

}
