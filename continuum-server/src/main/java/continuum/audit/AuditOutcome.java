package continuum.audit;

/**
 * Whether the access happened: {@code DENIED} records refusals (wrong role, locked
 * account, bad password).
 */
public enum AuditOutcome {

	SUCCESS, DENIED, FAILED

}
