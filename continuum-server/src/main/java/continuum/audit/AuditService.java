package continuum.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records accesses to patient data. Called explicitly by each module's service, inside the transaction of the access
 * itself, so that the data change and its audit row commit together or not at all.
 */
@Service
public class AuditService {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditChainer chainer;

	AuditService(JdbcClient jdbc, Clock clock, AuditChainer chainer) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.chainer = chainer;
	}

	/** Records an access by the current actor (the signed-in user or API client, else the system). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditEntry entry) {
		insert(currentActor(), entry);
	}

	/**
	 * Records an access whose actor is not (yet) the authenticated principal, such as a failed login, in a
	 * transaction of its own so that the record survives the failure it describes.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordAs(Actor actor, AuditEntry entry) {
		insert(actor, entry);
	}

	/** Records a refusal in its own transaction: the refused request rolls back, its audit row must not. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordDenial(AuditEntry entry) {
		insert(currentActor(), entry);
	}

	/** Entries for one patient or all (auditors only; the caller checks the role), newest first. */
	@Transactional
	public List<AuditRecord> find(AuditQuery query) {
		return new AuditRepository(jdbc).find(query);
	}

	/** Links pending rows, then recomputes the whole hash chain; see {@link AuditVerification}. */
	public AuditVerification verify() {
		chainer.chainPending();
		return new AuditVerifier(jdbc).verify();
	}

	private void insert(Actor actor, AuditEntry entry) {
		jdbc.sql("""
				insert into audit_log (recorded_at, username, role, action, resource_type, resource_id, patient_id,
				                       outcome, address, detail)
				values (:at, :username, :role, :action, :type, :id, :patient, :outcome, :address, :detail)""")
			.param("at", Timestamp.from(clock.instant()))
			.param("username", actor.username())
			.param("role", actor.role())
			.param("action", entry.action().name())
			.param("type", entry.resourceType())
			.param("id", entry.resourceId())
			.param("patient", entry.patientId())
			.param("outcome", entry.outcome().name())
			.param("address", actor.address())
			.param("detail", entry.detail())
			.update();
	}

	/** The actor of the current request, from the security context and the servlet request. */
	public static Actor currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String address = remoteAddress();
		if (authentication == null || !authentication.isAuthenticated()
				|| "anonymousUser".equals(authentication.getName())) {
			return address == null ? Actor.SYSTEM : new Actor("anonymous", null, address);
		}
		String role = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a != null && a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.findFirst()
			.orElse(null);
		return new Actor(authentication.getName(), role, address);
	}

	private static @Nullable String remoteAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
