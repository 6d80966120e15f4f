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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/token} with form fields {@code username}, {@code password} and
 * optionally {@code scope}: answers an OAuth 2 style token response; errors use the OAuth
 * 2 error form (RFC 6749 §5.2: {@code invalid_request}, {@code invalid_grant},
 * {@code invalid_scope} for a scope the server cannot honour as asked).
 */
@RestController
class TokenController {

	private final AuthenticationManager authentication;

	private final StaffRepository staff;

	private final TokenService tokens;

	private final AuditService audit;

	TokenController(AuthenticationManager authentication, StaffRepository staff, TokenService tokens,
			AuditService audit) {
		this.authentication = authentication;
		this.staff = staff;
		this.tokens = tokens;
		this.audit = audit;
	}

	@PostMapping(path = "/api/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> token(@RequestParam(required = false) String username,
			@RequestParam(required = false) String password, @RequestParam(required = false) String scope,
			HttpServletRequest request) {
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
		if (credentials.changeRequired()) {
			audit.recordAs(actor, new AuditEntry(AuditAction.TOKEN, "Token", null, null, AuditOutcome.DENIED,
					"password chosen by an administrator not yet changed"));
			return error(HttpStatus.UNAUTHORIZED, "invalid_grant",
					"the password was chosen by an administrator: sign in to the web UI and choose your own first");
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
