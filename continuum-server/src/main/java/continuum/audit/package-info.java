/**
 * The append-only, hash-chained audit log of every access to patient data: who, in which
 * role, did what to which resource of which patient, when, from where, and with what
 * outcome; plus its verification and FHIR AuditEvent view.
 */
@NullMarked
package continuum.audit;

import org.jspecify.annotations.NullMarked;
