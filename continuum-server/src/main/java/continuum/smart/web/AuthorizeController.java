package continuum.smart.web;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import continuum.security.CurrentUser;
import continuum.security.SmartApp;
import continuum.security.SmartAppService;
import continuum.security.SmartAuthorizationService;
import continuum.smart.SmartDiscovery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * SMART App Launch's authorization endpoint ({@code GET /oauth/authorize}, RFC 6749
 * §4.1.1 with PKCE, RFC 7636). The client and its redirect URI are checked first: an
 * unknown client or a redirect URI not registered for it is shown as an error page and
 * never redirected to. Every other fault goes back to the app as an error with its
 * {@code state} (§4.1.2.1): a response type other than {@code code}, no {@code state}, no
 * S256 challenge ({@code plain} is refused), an {@code aud} other than this server's FHIR
 * base URL, scopes of which nothing can be granted, an unknown launch. Then the user
 * signs in with the web sign-in (second factor included), picks a patient when the app
 * asked for {@code launch/patient}, and answers at the consent page
 * ({@link ConsentController}).
 */
@Controller
class AuthorizeController {

	/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters. */
	private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	static final String PENDING = "continuum.smart.pending.";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SmartAppService apps;

	private final SmartAuthorizationService authorizations;

	private final CurrentUser currentUser;

	private final RequestCache requests = new HttpSessionRequestCache();

	AuthorizeController(SmartAppService apps, SmartAuthorizationService authorizations, CurrentUser currentUser) {
		this.apps = apps;
		this.authorizations = authorizations;
		this.currentUser = currentUser;
	}

	@GetMapping(SmartDiscovery.AUTHORIZE_PATH)
	@Nullable String authorize(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response, Model model) throws IOException {
		String clientId = single(parameters, "client_id");
		String redirectUri = single(parameters, "redirect_uri");
		Optional<SmartApp> found = clientId == null ? Optional.empty() : apps.find(clientId);
		if (found.isEmpty()) {
			return errorPage("The application is not registered here (unknown client_id).", response, model);
		}
		SmartApp app = found.get();
		if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
			return errorPage("The redirect_uri is not one registered for " + app.name() + ".", response, model);
		}
		String state = single(parameters, "state");
		String fault = fault(parameters, state, request);
		if (fault != null) {
			String error = fault.startsWith("response_type") ? "unsupported_response_type"
					: fault.startsWith("scope") ? "invalid_scope" : "invalid_request";
			AuthorizationRedirects.error(response, redirectUri, error, fault, state);
			return null;
		}
		if (!currentUser.get().signedIn()) {
			requests.saveRequest(request, response);
			response.sendRedirect(request.getContextPath() + "/login");
			return null;
		}
		List<String> scopes = authorizations.grantable(app, single(parameters, "scope"));
		if (!authorizations.touchesData(scopes)) {
			AuthorizationRedirects.error(response, redirectUri, "invalid_scope",
					"none of the scopes asked for can be granted to this app in your role", state);
			return null;
		}
		String patient = null;
		String launch = single(parameters, "launch");
		if (launch != null) {
			if (!scopes.contains("launch")) {
				AuthorizationRedirects.error(response, redirectUri, "invalid_scope",
						"an EHR launch needs the launch scope", state);
				return null;
			}
			patient = authorizations.takeLaunch(launch, app).orElse(null);
			if (patient == null) {
				AuthorizationRedirects.error(response, redirectUri, "invalid_request",
						"launch is unknown, expired, already used, or not yours", state);
				return null;
			}
		}
		else if (!authorizations.asksForPatient(scopes) && authorizations.needsPatient(scopes)) {
			AuthorizationRedirects.error(response, redirectUri, "invalid_scope",
					"patient/ scopes need a patient: ask for launch/patient, or launch the app from a chart", state);
			return null;
		}
		String tx = newTx();
		PendingAuthorization pending = new PendingAuthorization(app.clientId(), redirectUri, state, scopes,
				single(parameters, "code_challenge"), patient);
		request.getSession().setAttribute(PENDING + tx, pending);
		boolean pick = patient == null && authorizations.asksForPatient(scopes);
		response.sendRedirect(request.getContextPath()
				+ (pick ? "/oauth/authorize/patient" : "/oauth/authorize/consent") + "?tx=" + tx);
		return null;
	}

	/**
	 * What is wrong with a request whose client and redirect URI are right, if anything.
	 */
	private static @Nullable String fault(MultiValueMap<String, String> parameters, @Nullable String state,
			HttpServletRequest request) {
		for (var entry : parameters.entrySet()) {
			if (entry.getValue().size() > 1) {
				return "parameter " + entry.getKey() + " is given more than once";
			}
		}
		if (!"code".equals(single(parameters, "response_type"))) {
			return "response_type must be code";
		}
		if (state == null || state.isEmpty()) {
			return "state is required";
		}
		if (!"S256".equals(single(parameters, "code_challenge_method"))) {
			return "PKCE is required with code_challenge_method=S256 (plain is not accepted)";
		}
		String challenge = single(parameters, "code_challenge");
		if (challenge == null || !S256_CHALLENGE.matcher(challenge).matches()) {
			return "code_challenge must be the 43-character S256 challenge";
		}
		String fhirBase = SmartDiscovery.fhirBase(request);
		String aud = single(parameters, "aud");
		if (aud == null || !fhirBase.equals(aud.endsWith("/") ? aud.substring(0, aud.length() - 1) : aud)) {
			return "aud must be this server's FHIR base URL, " + fhirBase;
		}
		String scope = single(parameters, "scope");
		if (scope == null || scope.isBlank()) {
			return "scope is required";
		}
		return null;
	}

	private static String errorPage(String message, HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("message", message);
		return "smart/error";
	}

	static @Nullable PendingAuthorization pending(HttpServletRequest request, String tx) {
		HttpSession session = request.getSession(false);
		return session == null || !(session.getAttribute(PENDING + tx) instanceof PendingAuthorization pending) ? null
				: pending;
	}

	private static @Nullable String single(MultiValueMap<String, String> parameters, String name) {
		List<String> values = parameters.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	private static String newTx() {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
