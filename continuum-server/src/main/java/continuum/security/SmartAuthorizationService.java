package continuum.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's side of SMART App Launch: EHR launches made from the chart (an
 * opaque {@code launch} bound to the user, the patient and the app), the scopes an app
 * can be granted in the user's role, and the user's answer at the consent page: a grant
 * with its single-use authorization code, bound to the app, the redirect URI and the PKCE
 * challenge. Every launch, approval and refusal is audited as a TOKEN of the
 * {@code SmartApp}.
 */
@Service
public class SmartAuthorizationService {

	/** What the user approves at the consent page. */
	public record Consent(SmartApp app, String redirectUri, List<String> scopes, @Nullable String patientId,
			String codeChallenge, @Nullable String sessionId) {

		public Consent {
			scopes = List.copyOf(scopes);
		}

	}

	private final AppGrantRepository grants;

	private final AccessControl access;

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final StaffRepository staff;

	private final SmartAppSettings settings;

	private final SecuritySettings security;

	private final Clock clock;

	SmartAuthorizationService(AppGrantRepository grants, AccessControl access, AuditService audit,
			CurrentUser currentUser, StaffRepository staff, SmartAppSettings settings, SecuritySettings security,
			Clock clock) {
		this.grants = grants;
		this.access = access;
		this.audit = audit;
		this.currentUser = currentUser;
		this.staff = staff;
		this.settings = settings;
		this.security = security;
		this.clock = clock;
	}

	/**
	 * The scopes asked for that the app may be granted in the signed-in user's role, in
	 * v2 form; see {@link AppScopes#grant}.
	 */
	public List<String> grantable(SmartApp app, String requested) {
		Role role = currentUser.get().role();
		return role == null ? List.of() : AppScopes.grant(role, app.scopes(), requested);
	}

	/** Whether the scopes need a patient in context ({@code patient/} scopes). */
	public boolean needsPatient(List<String> scopes) {
		return AppScopes.needsPatient(scopes);
	}

	/** Whether the scopes reach any data at all. */
	public boolean touchesData(List<String> scopes) {
		return AppScopes.touchesData(scopes);
	}

	/** Whether the scopes ask for a patient to be picked at a standalone launch. */
	public boolean asksForPatient(List<String> scopes) {
		return scopes.contains(AppScopes.LAUNCH_PATIENT);
	}

	/**
	 * Refuses (audited,
	 * {@link org.springframework.security.access.AccessDeniedException}) a patient the
	 * user may not open: a launch or a pick is for a patient the user's role and the
	 * restricted-record rule let them read.
	 */
	public void requirePatient(String patientId) {
		access.require("Patient", Interaction.READ, patientId, patientId);
	}

	/**
	 * An EHR launch of the app for the patient, by the signed-in user: the opaque
	 * {@code launch} value to hand the app, good once for
	 * {@link SmartAppSettings#launchLifetime()}.
	 */
	@Transactional
	public String launch(SmartApp app, String patientId) {
		requirePatient(patientId);
		String launch = OpaqueTokens.newValue();
		Instant now = clock.instant();
		grants.saveLaunch(OpaqueTokens.hash(launch), app.clientId(), currentUser.get().username(), patientId,
				now.plus(settings.launchLifetime()), now);
		audit.record(new AuditEntry(AuditAction.TOKEN, "SmartApp", app.clientId(), patientId, AuditOutcome.SUCCESS,
				"EHR launch from the chart"));
		return launch;
	}

	/**
	 * The patient of a launch made by the signed-in user for this app, taken once; empty
	 * when unknown, expired, used, or made by someone else or for another app.
	 */
	@Transactional
	public Optional<String> takeLaunch(String launch, SmartApp app) {
		return grants.takeLaunch(OpaqueTokens.hash(launch), clock.instant())
			.filter(l -> l.clientId().equals(app.clientId()) && l.username().equals(currentUser.get().username()))
			.map(AppGrantRepository.Launch::patientId);
	}

	/**
	 * The user approves: a grant, and the authorization code that redeems it (good once,
	 * for {@link SmartAppSettings#codeLifetime()}).
	 */
	@Transactional
	public String approve(Consent consent) {
		ActingUser user = currentUser.get();
		if (consent.patientId() != null) {
			requirePatient(consent.patientId());
		}
		Instant now = clock.instant();
		int version = staff.credentials(user.username()).map(StaffRepository.Credentials::version).orElse(0);
		boolean offline = consent.scopes().contains(AppScopes.OFFLINE);
		boolean online = consent.scopes().contains(AppScopes.ONLINE);
		Instant expires = offline ? now.plus(settings.offlineLifetime()) : online ? now.plus(settings.onlineLifetime())
				: now.plus(settings.codeLifetime()).plus(security.tokenLifetime());
		String sessionHash = online && consent.sessionId() != null ? OpaqueTokens.hash(consent.sessionId()) : null;
		AppGrant grant = new AppGrant(UUID.randomUUID(), consent.app().clientId(), user.username(), version,
				consent.scopes(), consent.patientId(), sessionHash, now, expires, null);
		grants.saveGrant(grant);
		String code = OpaqueTokens.newValue();
		grants.saveCode(OpaqueTokens.hash(code), grant.id(), consent.redirectUri(), consent.codeChallenge(),
				now.plus(settings.codeLifetime()), now);
		audit.record(new AuditEntry(AuditAction.TOKEN, "SmartApp", consent.app().clientId(), consent.patientId(),
				AuditOutcome.SUCCESS, "authorized at the consent page, grant " + grant.id() + "; scope "
						+ String.join(" ", consent.scopes())));
		return code;
	}

	/** The user refuses the app at the consent page. */
	@Transactional
	public void deny(SmartApp app) {
		audit.record(new AuditEntry(AuditAction.TOKEN, "SmartApp", app.clientId(), null, AuditOutcome.DENIED,
				"refused by the user at the consent page"));
	}

}
