package continuum.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SMART apps as administrators register them ({@code /admin/apps}): client id, name,
 * redirect URIs, launch URL, the scopes the app may ever be granted, and whether it is
 * public (PKCE alone) or confidential (a client secret, made here, shown once, stored as
 * its SHA-256). Registering again replaces the registration (a confidential app keeps its
 * secret unless a new one is asked for); removing an app ends every grant given to it.
 * Administrators only ({@code u} on Practitioner, as for system clients); every change is
 * audited as a CREATE, UPDATE or DELETE of {@code SmartApp}, never with a secret.
 */
@Service
public class SmartAppService {

	private static final Pattern CLIENT_ID = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

	/** A registration as the form gives it. */
	public record Registration(String clientId, String name, String redirectUris, @Nullable String launchUrl,
			String scopes, boolean confidential, boolean newSecret) {
	}

	/** The app as registered, and its new secret when one was made (shown once). */
	public record Registered(SmartApp app, @Nullable String secret) {
	}

	private final SmartAppRepository apps;

	private final AccessControl access;

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final TokenService tokens;

	private final Clock clock;

	SmartAppService(SmartAppRepository apps, AccessControl access, AuditService audit, CurrentUser currentUser,
			TokenService tokens, Clock clock) {
		this.apps = apps;
		this.access = access;
		this.audit = audit;
		this.currentUser = currentUser;
		this.tokens = tokens;
		this.clock = clock;
	}

	/** Every registered app (administrators). */
	@Transactional(readOnly = true)
	public List<SmartApp> list() {
		access.require("Practitioner", Interaction.UPDATE, null, null);
		return apps.list();
	}

	/** The apps a clinician may launch from a chart: those with a launch URL. */
	@Transactional(readOnly = true)
	public List<SmartApp> launchable() {
		return apps.list().stream().filter(app -> app.launchUrl() != null).toList();
	}

	/** A registered app, for the authorization endpoint (no secret in it). */
	@Transactional(readOnly = true)
	public Optional<SmartApp> find(String clientId) {
		return apps.find(clientId);
	}

	/** Registers the app or replaces its registration. */
	@Transactional
	public Registered register(Registration form) {
		access.require("Practitioner", Interaction.UPDATE, null, null);
		String clientId = form.clientId().strip();
		if (!CLIENT_ID.matcher(clientId).matches()) {
			throw new InvalidInputException("The client id is 2 to 64 lower-case letters, digits, '.', '_' or '-', "
					+ "starting with a letter");
		}
		String name = form.name().strip();
		if (name.isEmpty() || name.length() > 200) {
			throw new InvalidInputException("The app's name is 1 to 200 characters");
		}
		List<String> redirects = redirectUris(form.redirectUris());
		String launchUrl = form.launchUrl() == null || form.launchUrl().isBlank() ? null
				: appUri(form.launchUrl().strip(), "launch URL");
		List<String> scopes;
		try {
			scopes = AppScopes.registrable(form.scopes());
		}
		catch (InvalidScopeException ex) {
			throw new InvalidInputException(ex.getMessage());
		}
		Optional<SmartApp> before = apps.find(clientId);
		boolean keepSecret = form.confidential() && !form.newSecret()
				&& before.map(SmartApp::confidential).orElse(false);
		String secret = form.confidential() && !keepSecret ? OpaqueTokens.newValue() : null;
		SmartApp app = new SmartApp(clientId, name, redirects, launchUrl, scopes, form.confidential(), clock.instant(),
				currentUser.get().username());
		apps.save(app, secret == null ? null : OpaqueTokens.hash(secret), keepSecret);
		audit.record(new AuditEntry(before.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE, "SmartApp", clientId,
				null, AuditOutcome.SUCCESS,
				(form.confidential() ? "confidential" + (secret != null ? ", new secret" : "") : "public")
						+ "; redirect URIs " + String.join(" ", redirects) + "; launch URL "
						+ (launchUrl == null ? "none" : launchUrl) + "; scope " + String.join(" ", scopes)));
		return new Registered(app, secret);
	}

	/** Removes the app: every grant given to it ends, its tokens with them. */
	@Transactional
	public void remove(String clientId) {
		access.require("Practitioner", Interaction.UPDATE, null, null);
		if (!apps.delete(clientId)) {
			throw new NotFoundException("No app is registered as " + clientId);
		}
		tokens.forgetClient(clientId);
		audit.record(new AuditEntry(AuditAction.DELETE, "SmartApp", clientId, null, AuditOutcome.SUCCESS,
				"removed; its grants and refresh tokens end"));
	}

	private static List<String> redirectUris(String text) {
		Set<String> uris = new LinkedHashSet<>();
		for (String line : text.strip().split("\\s+")) {
			if (!line.isEmpty()) {
				uris.add(appUri(line, "redirect URI"));
			}
		}
		if (uris.isEmpty()) {
			throw new InvalidInputException("An app needs at least one redirect URI");
		}
		return new ArrayList<>(uris);
	}

	/**
	 * An absolute {@code https} URI, or {@code http} on the loopback interface (a native
	 * app's, RFC 8252 §7.3), without a fragment (RFC 6749 §3.1.2).
	 */
	private static String appUri(String value, String what) {
		try {
			URI uri = new URI(value);
			String host = uri.getHost();
			boolean loopback = "127.0.0.1".equals(host) || "[::1]".equals(host) || "localhost".equals(host);
			if (uri.getFragment() != null || host == null || value.length() > 2000
					|| !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
				throw new InvalidInputException("The " + what + " " + value
						+ " is not an absolute https URI (http only on the loopback interface) without a fragment");
			}
			return value;
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("The " + what + " " + value + " is not a URI");
		}
	}

}
