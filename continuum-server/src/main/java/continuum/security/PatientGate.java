package continuum.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Applies the {@link PatientAccessPolicy} at security's two choke points: the access
 * check a service makes with a patient id ({@link AccessControl#require}), and the audit
 * row every access to a patient's data writes ({@link SecurityAuditCaller#screen}), which
 * catches the reads that learn their patient only after loading. A refusal is audited as
 * denied and thrown as {@link RestrictedRecordException}; a row written under a
 * break-the-glass is marked as emergency access. Only signed-in people are bound
 * ({@link Role#boundByRestrictions}); decisions are kept for the rest of the request.
 */
@Component
class PatientGate {

	private static final String DECISIONS = PatientGate.class.getName() + ".decisions";

	private static final String HIDDEN = PatientGate.class.getName() + ".hidden";

	private final ObjectProvider<PatientAccessPolicy> policy;

	private final ObjectProvider<AuditService> audit;

	private final CurrentUser currentUser;

	/**
	 * The policy once resolved: looking it up through the provider on every call cost a
	 * bean-factory resolution per patient access (about 2% of a transaction's CPU).
	 */
	private volatile @Nullable PatientAccessPolicy resolvedPolicy;

	PatientGate(ObjectProvider<PatientAccessPolicy> policy, ObjectProvider<AuditService> audit,
			CurrentUser currentUser) {
		this.policy = policy;
		this.audit = audit;
		this.currentUser = currentUser;
	}

	private @Nullable PatientAccessPolicy policy() {
		PatientAccessPolicy rule = resolvedPolicy;
		if (rule == null) {
			rule = policy.getIfAvailable();
			resolvedPolicy = rule;
		}
		return rule;
	}

	/** Refuses the access when the patient's record is restricted to the caller. */
	void require(AuditAction action, String resourceType, @Nullable String resourceId, String patientId) {
		requireLaunchPatient(action, resourceType, resourceId, patientId);
		ActingUser user = currentUser.get();
		if (!bound(user)) {
			return;
		}
		PatientAccess access = decisions(user, List.of(patientId)).get(patientId);
		if (access != null && !access.allowed()) {
			throw refuse(action, resourceType, resourceId, patientId);
		}
	}

	/**
	 * The entries to write: unchanged, or marked as emergency access; refused (audited)
	 * when one names a patient whose record is restricted to the caller.
	 */
	List<AuditEntry> screen(List<AuditEntry> entries) {
		for (AuditEntry entry : entries) {
			if (entry.patientId() != null && entry.outcome() == AuditOutcome.SUCCESS) {
				requireLaunchPatient(entry.action(), entry.resourceType(), entry.resourceId(), entry.patientId());
			}
		}
		ActingUser user = currentUser.get();
		PatientAccessPolicy rule = policy();
		if (!bound(user) || rule == null) {
			return entries;
		}
		Set<String> exempt = rule.ownResourceTypes();
		List<String> patients = new ArrayList<>();
		for (AuditEntry entry : entries) {
			if (governed(entry, exempt)) {
				patients.add(entry.patientId());
			}
		}
		if (patients.isEmpty()) {
			return entries;
		}
		Map<String, PatientAccess> decided = decisions(user, patients);
		List<AuditEntry> screened = new ArrayList<>(entries.size());
		for (AuditEntry entry : entries) {
			PatientAccess access = governed(entry, exempt) ? decided.get(entry.patientId()) : null;
			if (access == null || access.kind() == PatientAccess.Kind.RELATIONSHIP) {
				screened.add(entry);
			}
			else if (access.kind() == PatientAccess.Kind.EMERGENCY) {
				screened.add(new AuditEntry(entry.action(), entry.resourceType(), entry.resourceId(), entry.patientId(),
						entry.outcome(), PatientAccess.EMERGENCY_MARK + access.breakGlassId()
								+ (entry.detail() == null ? "" : "; " + entry.detail())));
			}
			else {
				throw refuse(entry.action(), entry.resourceType(), entry.resourceId(), entry.patientId());
			}
		}
		return screened;
	}

	/** The restricted patients the caller may not open now; none for unbound callers. */
	@SuppressWarnings("unchecked")
	Set<Long> hidden() {
		ActingUser user = currentUser.get();
		PatientAccessPolicy rule = policy();
		if (!bound(user) || rule == null) {
			return Set.of();
		}
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Set<Long> hidden = request == null ? null
				: (Set<Long>) request.getAttribute(HIDDEN, RequestAttributes.SCOPE_REQUEST);
		if (hidden == null) {
			hidden = Set.copyOf(rule.hiddenFrom(user));
			if (request != null) {
				request.setAttribute(HIDDEN, hidden, RequestAttributes.SCOPE_REQUEST);
			}
		}
		return hidden;
	}

	/**
	 * How the caller reaches the patient; empty when the rule does not bind them here.
	 */
	Optional<PatientAccess> access(String patientId) {
		ActingUser user = currentUser.get();
		if (!bound(user)) {
			return Optional.empty();
		}
		return Optional.ofNullable(decisions(user, List.of(patientId)).get(patientId));
	}

	/**
	 * Refuses (audited) an access to another patient than the one a SMART app's token is
	 * limited to ({@link CurrentUser#patientContext}).
	 */
	private void requireLaunchPatient(AuditAction action, String resourceType, @Nullable String resourceId,
			String patientId) {
		String context = currentUser.patientContext(resourceType, interaction(action));
		if (context != null && !context.equals(patientId)) {
			audit.getObject()
				.recordDenial(AuditEntry.denied(action, resourceType, resourceId, patientId,
						"outside the app's patient context (patient/ scopes of patient " + context + ")"));
			throw new AccessDeniedException(
					"This token's patient/ scopes reach only the patient of its launch (" + context + ")");
		}
	}

	/** The interaction an audited action stands for; anything else counts as a read. */
	private static Interaction interaction(AuditAction action) {
		return switch (action) {
			case CREATE -> Interaction.CREATE;
			case UPDATE -> Interaction.UPDATE;
			case DELETE -> Interaction.DELETE;
			case SEARCH -> Interaction.SEARCH;
			default -> Interaction.READ;
		};
	}

	private static boolean governed(AuditEntry entry, Set<String> exempt) {
		return entry.patientId() != null && entry.outcome() == AuditOutcome.SUCCESS
				&& !"AuditEvent".equals(entry.resourceType())
				&& !AccessControl.RESTRICTED_LISTING.equals(entry.resourceType())
				&& !exempt.contains(entry.resourceType());
	}

	private static boolean bound(ActingUser user) {
		return user.kind() == ActingUser.Kind.PERSON && user.role() != null && user.role().boundByRestrictions();
	}

	private RestrictedRecordException refuse(AuditAction action, String resourceType, @Nullable String resourceId,
			String patientId) {
		audit.getObject()
			.recordDenial(AuditEntry.denied(action, resourceType, resourceId, patientId,
					"restricted record: no care relationship and no break-the-glass"));
		return new RestrictedRecordException(patientId);
	}

	/**
	 * The policy's answers for these patients, from this request's earlier answers where
	 * it has them (a chart asks about its patient a dozen times).
	 */
	@SuppressWarnings("unchecked")
	private Map<String, PatientAccess> decisions(ActingUser user, Collection<String> patientIds) {
		PatientAccessPolicy rule = policy();
		if (rule == null) {
			return Map.of();
		}
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Map<String, Optional<PatientAccess>> known = request == null ? new HashMap<>()
				: (Map<String, Optional<PatientAccess>>) request.getAttribute(DECISIONS,
						RequestAttributes.SCOPE_REQUEST);
		if (known == null) {
			known = new HashMap<>();
			request.setAttribute(DECISIONS, known, RequestAttributes.SCOPE_REQUEST);
		}
		Set<String> unknown = new LinkedHashSet<>();
		for (String id : patientIds) {
			if (!known.containsKey(id)) {
				unknown.add(id);
			}
		}
		if (!unknown.isEmpty()) {
			Map<String, PatientAccess> answered = rule.restricted(user, unknown);
			for (String id : unknown) {
				known.put(id, Optional.ofNullable(answered.get(id)));
			}
		}
		Map<String, PatientAccess> result = new HashMap<>();
		for (String id : patientIds) {
			known.get(id).ifPresent(access -> result.put(id, access));
		}
		return result;
	}

}
