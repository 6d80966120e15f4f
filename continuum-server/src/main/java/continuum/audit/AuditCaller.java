package continuum.audit;

/**
 * The caller as the audit log needs to know it: who is acting, for the rows written on
 * their behalf, and what they may do with the log itself. The security module provides
 * the one implementation, since it decides who is signed in and who may do what; audit
 * cannot call security's {@code CurrentUser} itself, because security writes to the audit
 * log (sign-ins, refusals, account changes) and the two modules would depend on each
 * other.
 */
public interface AuditCaller {

	/**
	 * Who is acting now: a signed-in user or API client, someone anonymous, or the
	 * system.
	 */
	Actor actor();

	/**
	 * Whether the caller may read ({@link AuditAction#READ}) or search
	 * ({@link AuditAction#SEARCH}) the log: the access table's AuditEvent cell of their
	 * role, and an API token's scopes.
	 */
	boolean mayRead(AuditAction action);

	/**
	 * The entries to write for the caller's accesses: as given, or marked as emergency
	 * access (break-the-glass). Refuses with an {@code AccessDeniedException}, audited,
	 * when an entry names a patient whose record is restricted to the caller: every
	 * access to patient data is audited, so this is where no service can forget the rule.
	 */
	java.util.List<AuditEntry> screen(java.util.List<AuditEntry> entries);

	/** Whether the caller may run the verification of the hash chain. */
	boolean mayVerify();

}
