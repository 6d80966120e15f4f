package continuum.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The token endpoint's grants for SMART apps (RFC 6749 §4.1.3 and §6, RFC 7636 §4.5,
 * SMART App Launch 2 "App Launch"): {@code authorization_code} with the PKCE verifier,
 * and {@code refresh_token}, rotating: each refresh token is good once, the answer
 * carries the next, and one presented a second time revokes its whole grant (RFC 9700
 * §4.14.2), as does a code redeemed twice (RFC 6749 §4.1.2). Apps authenticate as they
 * were registered: a public app by its {@code client_id} alone, a confidential one with
 * its secret ({@code client_secret_basic} or {@code client_secret_post}). Revocation (RFC
 * 7009) ends a grant from any of its tokens. Every issue, refusal and revocation is
 * audited as a TOKEN of the {@code SmartApp}; never a code or a token.
 */
@Component
class AppTokenGrants {

	/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
	private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	private final SmartAppRepository apps;

	private final AppGrantRepository grants;

	private final StaffRepository staff;

	private final TokenService tokens;

	private final AuditService audit;

	private final Clock clock;

	AppTokenGrants(SmartAppRepository apps, AppGrantRepository grants, StaffRepository staff, TokenService tokens,
			AuditService audit, Clock clock) {
		this.apps = apps;
		this.grants = grants;
		this.staff = staff;
		this.tokens = tokens;
		this.audit = audit;
		this.clock = clock;
	}

	/** A refusal in OAuth 2's error form. */
	static final class Refusal extends RuntimeException {

		final HttpStatus status;

		final String error;

		Refusal(HttpStatus status, String error, String description) {
			super(description);
			this.status = status;
			this.error = error;
		}

	}

	ResponseEntity<Map<String, Object>> authorizationCode(MultiValueMap<String, String> form,
			HttpServletRequest request) {
		SmartApp app;
		try {
			String code = required(form, "code");
			String redirectUri = required(form, "redirect_uri");
			String verifier = required(form, "code_verifier");
			app = authenticate(form, request);
			return redeem(app, code, redirectUri, verifier, request);
		}
		catch (Refusal refusal) {
			return refused(refusal, request);
		}
	}

	private ResponseEntity<Map<String, Object>> redeem(SmartApp app, String code, String redirectUri, String verifier,
			HttpServletRequest request) {
		Instant now = clock.instant();
		String hash = OpaqueTokens.hash(code);
		Optional<AppGrantRepository.Code> redeemed = grants.redeemCode(hash, now);
		if (redeemed.isEmpty()) {
			Optional<UUID> reused = grants.grantOfUsedCode(hash);
			if (reused.isPresent()) {
				revoke(reused.get(), "authorization code presented a second time", request);
				throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant",
						"the authorization code was used before: the tokens it gave are revoked");
			}
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant", "unknown authorization code");
		}
		AppGrantRepository.Code stored = redeemed.get();
		AppGrant grant = grants.grant(stored.grantId()).orElseThrow();
		if (!grant.clientId().equals(app.clientId())) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant", "the code was issued to another client");
		}
		if (!stored.expiresAt().isAfter(now)) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant", "the authorization code has expired");
		}
		if (!stored.redirectUri().equals(redirectUri)) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant",
					"redirect_uri differs from the authorization request's");
		}
		if (!VERIFIER.matcher(verifier).matches() || !OpaqueTokens.s256(verifier).equals(stored.challenge())) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant",
					"code_verifier does not match the code_challenge (S256)");
		}
		return issue(grant, grant.scopes(), "authorization_code", request);
	}

	ResponseEntity<Map<String, Object>> refresh(MultiValueMap<String, String> form, HttpServletRequest request) {
		try {
			String refreshToken = required(form, "refresh_token");
			String scope = single(form, "scope");
			SmartApp app = authenticate(form, request);
			String hash = OpaqueTokens.hash(refreshToken);
			AppGrant grant = grants.grantOfRefreshToken(hash)
				.flatMap(grants::grant)
				.filter(g -> g.clientId().equals(app.clientId()))
				.orElseThrow(() -> new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant", "unknown refresh token"));
			if (grants.useRefreshToken(hash, clock.instant()).isEmpty()) {
				revoke(grant.id(), "refresh token presented a second time", request);
				throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant",
						"the refresh token was used before: its grant is revoked");
			}
			if (grant.revokedAt() != null || !grant.expiresAt().isAfter(clock.instant())) {
				throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant", "the grant was revoked or has expired");
			}
			if (grant.sessionHash() != null && !grants.sessionOpen(grant.sessionHash())) {
				throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant",
						"online_access: the user's web session has ended");
			}
			return issue(grant, narrowed(grant, scope), "refresh_token", request);
		}
		catch (Refusal refusal) {
			return refused(refusal, request);
		}
	}

	/**
	 * RFC 7009 §2: the app names one of its tokens (a refresh token, or an access token
	 * it was given) and the grant behind it ends; an unknown token is answered alike.
	 */
	ResponseEntity<Map<String, Object>> revoke(MultiValueMap<String, String> form, HttpServletRequest request) {
		try {
			String token = required(form, "token");
			SmartApp app = authenticate(form, request);
			Optional<UUID> grant = grants.grantOfRefreshToken(OpaqueTokens.hash(token));
			if (grant.isEmpty() && token.indexOf('.') > 0) {
				grant = tokens.grantOf(token);
			}
			grant.flatMap(grants::grant)
				.filter(g -> g.clientId().equals(app.clientId()))
				.ifPresent(g -> revoke(g.id(), "revoked by the app (RFC 7009)", request));
			return ResponseEntity.ok().header("Cache-Control", "no-store").build();
		}
		catch (Refusal refusal) {
			return refused(refusal, request);
		}
	}

	/**
	 * An access token (and a refresh token when the grant allows one) under the grant,
	 * for the grant's user as their account stands now.
	 */
	private ResponseEntity<Map<String, Object>> issue(AppGrant grant, List<String> scopes, String how,
			HttpServletRequest request) {
		StaffRepository.Credentials credentials = staff.credentials(grant.username())
			.filter(c -> c.member().enabled() && c.version() == grant.credentialsVersion())
			.orElseThrow(() -> new Refusal(HttpStatus.BAD_REQUEST, "invalid_grant",
					"the user's account is disabled or its password changed since the grant"));
		Role role = credentials.member().role();
		TokenService.IssuedToken token = tokens.issueForApp(grant, role, scopes);
		String refreshToken = null;
		if (grant.scopes().contains(AppScopes.OFFLINE) || grant.scopes().contains(AppScopes.ONLINE)) {
			refreshToken = OpaqueTokens.newValue();
			grants.saveRefreshToken(OpaqueTokens.hash(refreshToken), grant.id(), clock.instant());
		}
		audit.recordAs(new Actor(grant.username(), role.name(), request.getRemoteAddr()),
				new AuditEntry(AuditAction.TOKEN, "SmartApp", grant.clientId(), grant.patientId(), AuditOutcome.SUCCESS,
						how + "; grant " + grant.id() + "; scope " + String.join(" ", scopes)
								+ (refreshToken == null ? "" : "; refresh token issued")));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", token.expiresInSeconds());
		body.put("scope", String.join(" ", scopes));
		if (grant.patientId() != null) {
			body.put("patient", grant.patientId());
		}
		if (refreshToken != null) {
			body.put("refresh_token", refreshToken);
		}
		return ResponseEntity.ok().header("Cache-Control", "no-store").header("Pragma", "no-cache").body(body);
	}

	/** A refresh may ask for fewer of the grant's scopes, never others (RFC 6749 §6). */
	private static List<String> narrowed(AppGrant grant, @Nullable String scope) {
		if (scope == null || scope.isBlank()) {
			return grant.scopes();
		}
		List<String> asked = new ArrayList<>();
		for (String s : scope.strip().split("\\s+")) {
			if (!grant.scopes().contains(s)) {
				throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_scope",
						"scope " + (s.length() > 64 ? s.substring(0, 64) : s) + " was not granted");
			}
			asked.add(s);
		}
		return asked;
	}

	private void revoke(UUID grant, String reason, HttpServletRequest request) {
		Instant now = clock.instant();
		if (grants.revoke(grant, reason, now)) {
			tokens.forgetGrant(grant);
			AppGrant revoked = grants.grant(grant).orElseThrow();
			audit.recordAs(new Actor("anonymous", null, request.getRemoteAddr()),
					new AuditEntry(AuditAction.TOKEN, "SmartApp", revoked.clientId(), revoked.patientId(),
							reason.contains("second time") ? AuditOutcome.DENIED : AuditOutcome.SUCCESS,
							"grant " + grant + " revoked: " + reason));
		}
	}

	/**
	 * The app, authenticated as registered: HTTP Basic or {@code client_secret} for a
	 * confidential app, {@code client_id} alone for a public one (RFC 6749 §2.3.1,
	 * §3.2.1).
	 */
	private SmartApp authenticate(MultiValueMap<String, String> form, HttpServletRequest request) {
		String clientId = single(form, "client_id");
		String secret = single(form, "client_secret");
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			if (secret != null) {
				throw invalidClient("use one way to authenticate the client, not two");
			}
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw invalidClient("malformed Basic credentials");
			}
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw invalidClient("malformed Basic credentials");
			}
			String basicId = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
			if (clientId != null && !clientId.equals(basicId)) {
				throw invalidClient("client_id differs from the authenticated client");
			}
			clientId = basicId;
			secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
		}
		if (clientId == null) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_request", "client_id is required");
		}
		SmartApp app = apps.find(clientId).orElseThrow(() -> invalidClient("unknown client"));
		Optional<String> stored = apps.secretHash(clientId);
		if (stored.isPresent() && (secret == null || !OpaqueTokens.sameHash(secret, stored.get()))) {
			throw invalidClient("a confidential client authenticates with its secret");
		}
		if (stored.isEmpty() && secret != null) {
			throw invalidClient("a public client has no secret");
		}
		return app;
	}

	private static Refusal invalidClient(String description) {
		return new Refusal(HttpStatus.UNAUTHORIZED, "invalid_client", description);
	}

	private static String required(MultiValueMap<String, String> form, String name) {
		String value = single(form, name);
		if (value == null || value.isBlank()) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_request", name + " is required");
		}
		return value;
	}

	/** A parameter given at most once (RFC 6749 §3.2: never repeated). */
	private static @Nullable String single(MultiValueMap<String, String> form, String name) {
		List<String> values = form.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "invalid_request", name + " is given more than once");
		}
		return values.get(0);
	}

	private ResponseEntity<Map<String, Object>> refused(Refusal refusal, HttpServletRequest request) {
		audit.recordAs(new Actor("anonymous", null, request.getRemoteAddr()), new AuditEntry(AuditAction.TOKEN,
				"SmartApp", null, null, AuditOutcome.DENIED, refusal.error + ": " + refusal.getMessage()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", refusal.error);
		body.put("error_description", refusal.getMessage());
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(refusal.status).header("Cache-Control", "no-store");
		if (refusal.status == HttpStatus.UNAUTHORIZED && request.getHeader("Authorization") != null) {
			answer.header("WWW-Authenticate", "Basic realm=\"continuum\"");
		}
		return answer.body(body);
	}

}
