package continuum.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/token}: answers an OAuth 2 token response to
 * <ul>
 * <li>a person's {@code username} and {@code password} (and optionally {@code scope}, and
 * {@code otp}, the authenticator's current code, for an account that signs in with a
 * second factor; {@code grant_type=password} or none), never for a SYSTEM account
 * registered as a system client;</li>
 * <li>a system client's {@code grant_type=client_credentials} with
 * {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer}
 * and a signed {@code client_assertion} (RFC 7523, SMART Backend Services;
 * {@link ClientAssertions}), and optionally {@code scope}: {@code system/} scopes, at
 * most those it was registered with;</li>
 * <li>a SMART app's {@code authorization_code} or {@code refresh_token} grant
 * ({@link AppTokenGrants}).</li>
 * </ul>
 * Errors use the OAuth 2 error form (RFC 6749 §5.2: {@code invalid_request},
 * {@code invalid_client} 401 for an assertion refused, {@code invalid_grant},
 * {@code unsupported_grant_type}, {@code invalid_scope} for a scope the server cannot
 * honour as asked); every refusal after the request's form is checked is audited as a
 * denied TOKEN.
 */
@RestController
class TokenController {

	private final AuthenticationManager authentication;

	private final StaffRepository staff;

	private final TokenService tokens;

	private final AuditService audit;

	private final SecondFactorService secondFactors;

	private final ClientAssertions assertions;

	private final SystemClientRepository clients;

	private final AppTokenGrants appGrants;

	TokenController(AuthenticationManager authentication, StaffRepository staff, TokenService tokens,
			AuditService audit, ClientAssertions assertions, SystemClientRepository clients,
			SecondFactorService secondFactors, AppTokenGrants appGrants) {
		this.appGrants = appGrants;
		this.secondFactors = secondFactors;
		this.authentication = authentication;
		this.staff = staff;
		this.tokens = tokens;
		this.audit = audit;
		this.assertions = assertions;
		this.clients = clients;
	}

	/**
	 * RFC 7009 token revocation for SMART apps: {@code token} (a refresh or an access
	 * token), the app authenticated as at the token endpoint; 200 whether or not the
	 * token was known.
	 */
	@PostMapping(path = "/api/token/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> revoke(@RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request) {
		return appGrants.revoke(form, request);
	}

	@PostMapping(path = "/api/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(required = false) String username, @RequestParam(required = false) String password,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String otp,
			@RequestParam(name = "client_assertion_type", required = false) String assertionType,
			@RequestParam(name = "client_assertion", required = false) String assertion,
			@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
		if ("client_credentials".equals(grantType)) {
			return clientCredentials(assertionType, assertion, scope, request);
		}
		if ("authorization_code".equals(grantType)) {
			return appGrants.authorizationCode(form, request);
		}
		if ("refresh_token".equals(grantType)) {
			return appGrants.refresh(form, request);
		}
		if (grantType != null && !"password".equals(grantType)) {
			return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"grant_type is password (people), client_credentials (system clients), authorization_code or "
							+ "refresh_token (SMART apps)");
		}
		if (username == null || username.isBlank() || password == null || password.isEmpty()) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "username and password are required");
		}
		// Read before the password is checked: a password changed in between ends this
		// token too.
		int credentialsVersion = staff.credentials(username).map(StaffRepository.Credentials::version).orElse(0);
		try {
			authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
		}
		catch (AuthenticationException ex) {
			return error(HttpStatus.UNAUTHORIZED, "invalid_grant", "invalid credentials or account locked");
		}
		StaffRepository.Credentials credentials = staff.credentials(username).orElseThrow();
		StaffMember member = credentials.member();
		Actor actor = new Actor(username, member.role().name(), request.getRemoteAddr());
		if (member.role() == Role.SYSTEM && clients.exists(username)) {
			audit.recordAs(actor, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED,
					"password grant refused: the account is a registered system client"));
			return error(HttpStatus.UNAUTHORIZED, "invalid_grant",
					"this system account authenticates with a signed client assertion (grant_type=client_credentials), "
							+ "not a password");
		}
		if (credentials.changeRequired()) {
			audit.recordAs(actor, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED,
					"password chosen by an administrator not yet changed"));
			return error(HttpStatus.UNAUTHORIZED, "invalid_grant",
					"the password was chosen by an administrator: sign in to the web UI and choose your own first");
		}
		String secondFactorRefusal = secondFactors.tokenRefusal(username, otp);
		if (secondFactorRefusal != null) {
			audit.recordAs(actor, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED,
					"second factor: " + secondFactorRefusal));
			return error(HttpStatus.UNAUTHORIZED, "invalid_grant", secondFactorRefusal);
		}
		List<String> granted;
		try {
			granted = Scopes.grant(member.role(), scope);
		}
		catch (InvalidScopeException ex) {
			audit.recordAs(actor,
					new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED, ex.getMessage()));
			return error(HttpStatus.BAD_REQUEST, "invalid_scope", ex.getMessage());
		}
		TokenService.IssuedToken token = tokens.issue(username, member.role(), granted, credentialsVersion);
		audit.recordAs(actor, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.SUCCESS,
				"scope " + String.join(" ", granted)));
		return issued(token, granted);
	}

	private ResponseEntity<Map<String, Object>> clientCredentials(String assertionType, String assertion, String scope,
			HttpServletRequest request) {
		if (assertion == null || assertion.isBlank() || assertionType == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request",
					"client_credentials needs client_assertion_type and client_assertion");
		}
		Actor anonymous = new Actor("anonymous", null, request.getRemoteAddr());
		SystemClient client;
		try {
			if (!ClientAssertions.JWT_BEARER.equals(assertionType)) {
				throw new InvalidClientException("client_assertion_type must be " + ClientAssertions.JWT_BEARER);
			}
			client = assertions.verify(assertion.strip(), request.getRequestURL().toString());
		}
		catch (InvalidClientException ex) {
			audit.recordAs(anonymous, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED,
					"client assertion refused: " + ex.getMessage()));
			return error(HttpStatus.UNAUTHORIZED, "invalid_client", ex.getMessage());
		}
		StaffRepository.Credentials credentials = staff.credentials(client.clientId()).orElse(null);
		if (credentials == null || !credentials.member().enabled() || credentials.member().role() != Role.SYSTEM) {
			audit.recordAs(anonymous, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED,
					"client assertion refused: the account of " + client.clientId() + " is disabled"));
			return error(HttpStatus.UNAUTHORIZED, "invalid_client", "the client's account is disabled");
		}
		Actor actor = new Actor(client.clientId(), Role.SYSTEM.name(), request.getRemoteAddr());
		List<String> granted;
		try {
			granted = Scopes.grantRegistered(client.scopes(), scope);
		}
		catch (InvalidScopeException ex) {
			audit.recordAs(actor,
					new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED, ex.getMessage()));
			return error(HttpStatus.BAD_REQUEST, "invalid_scope", ex.getMessage());
		}
		TokenService.IssuedToken token = tokens.issue(client.clientId(), Role.SYSTEM, granted, credentials.version());
		audit.recordAs(actor, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.SUCCESS,
				"client_credentials; scope " + String.join(" ", granted)));
		return issued(token, granted);
	}

	private static ResponseEntity<Map<String, Object>> issued(TokenService.IssuedToken token, List<String> granted) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", token.expiresInSeconds());
		body.put("scope", String.join(" ", granted));
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_description", description);
		return ResponseEntity.status(status).header("Cache-Control", "no-store").body(body);
	}

}
